import assert from "node:assert/strict";
import fc from "fast-check";
import { backoffDelayMs, classifyTransportError, DEFAULT_RETRY_POLICY, isSafeToRepeat, parseRetryAfter, waitDelayMs, waitFor } from "../../../provider/clients/retry";
import { fakeClock } from "./support/fake-clock";

describe("retry policy", () => {
  describe("backoffDelayMs (full jitter)", () => {
    it("doubles the ceiling from 200 ms per retry and stops growing at 5 s", () => {
      const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelayMs(n, DEFAULT_RETRY_POLICY, () => 0.999999999));
      assert.deepEqual(ceilings, [199, 399, 799, 1599, 3199, 4999, 4999, 4999]);
    });

    it("scales the ceiling by the random draw, so a draw of 0 waits nothing and 0.5 waits half", () => {
      assert.equal(backoffDelayMs(3, DEFAULT_RETRY_POLICY, () => 0), 0);
      assert.equal(backoffDelayMs(3, DEFAULT_RETRY_POLICY, () => 0.5), 400);
    });

    it("always waits between 0 and the cap, whatever the retry number and draw", () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 0.9999999, noNaN: true }), (n, r) => {
          const d = backoffDelayMs(n, DEFAULT_RETRY_POLICY, () => r);
          return d >= 0 && d < DEFAULT_RETRY_POLICY.maxDelayMs;
        }),
      );
    });
  });

  describe("parseRetryAfter", () => {
    const now = new Date("2025-03-01T12:00:00Z");

    it("reads delta-seconds as milliseconds", () => {
      assert.equal(parseRetryAfter("3", now), 3000);
      assert.equal(parseRetryAfter(" 0 ", now), 0);
    });

    it("reads an HTTP date as the time left until then", () => {
      assert.equal(parseRetryAfter("Sat, 01 Mar 2025 12:00:07 GMT", now), 7000);
    });

    it("treats a date in the past as no wait", () => {
      assert.equal(parseRetryAfter("Sat, 01 Mar 2025 11:00:00 GMT", now), 0);
    });

    it("ignores a missing or unreadable value", () => {
      assert.equal(parseRetryAfter(undefined, now), undefined);
      assert.equal(parseRetryAfter("soon", now), undefined);
      assert.equal(parseRetryAfter("-5", now), undefined);
    });
  });

  describe("isSafeToRepeat", () => {
    it("repeats GET, HEAD, PUT and DELETE", () => {
      for (const m of ["GET", "HEAD", "PUT", "DELETE"]) assert.equal(isSafeToRepeat(m), true, m);
    });

    it("repeats a POST only when the caller marks it idempotent", () => {
      assert.equal(isSafeToRepeat("POST"), false);
      assert.equal(isSafeToRepeat("POST", true), true);
      assert.equal(isSafeToRepeat("PATCH"), false);
    });
  });

  describe("classifyTransportError", () => {
    it("calls a refused connection not-sent, so even a POST may be repeated", () => {
      assert.equal(classifyTransportError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })), "not-sent");
    });

    it("calls resets, hang-ups and undici socket errors connection failures", () => {
      assert.equal(classifyTransportError(Object.assign(new Error("x"), { code: "ECONNRESET" })), "connection");
      assert.equal(classifyTransportError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })), "connection");
      assert.equal(classifyTransportError(Object.assign(new Error("Premature close"), { code: "ERR_STREAM_PREMATURE_CLOSE" })), "connection");
      assert.equal(classifyTransportError(Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" })), "connection");
      assert.equal(classifyTransportError(new TypeError("fetch failed", { cause: Object.assign(new Error("x"), { code: "ETIMEDOUT" }) })), "connection");
    });

    it("calls anything else other", () => {
      assert.equal(classifyTransportError(new Error("Invalid URL")), "other");
    });

    it("goes by the error's code, never its text: an error without a code is other whatever it says", () => {
      assert.equal(classifyTransportError(new Error("socket hang up")), "other");
      assert.equal(classifyTransportError(new Error("read ECONNRESET")), "other");
    });
  });
});

describe("waiting for an eventual state", () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 500, timeoutMs: 2_000 };

  it("doubles the pause from the initial delay up to the cap", () => {
    assert.deepEqual([0, 1, 2, 3, 4, 30].map((n) => waitDelayMs(n, policy)), [100, 200, 400, 500, 500, 500]);
  });

  it("returns the first value the probe gives, pausing with backoff before each new look", async () => {
    const { clock, sleeps } = fakeClock();
    let looks = 0;
    const value = await waitFor(async () => (++looks === 4 ? "usable" : undefined), policy, () => new Error("timeout"), clock);
    assert.equal(value, "usable");
    assert.deepEqual(sleeps, [100, 200, 400]);
  });

  it("gives up with the caller's error before a pause would pass the deadline", async () => {
    const { clock, sleeps } = fakeClock(1_000_000);
    await assert.rejects(waitFor(async () => undefined, policy, () => new Error("still creating"), clock), /still creating/);
    assert.ok(sleeps.reduce((a, b) => a + b, 0) <= policy.timeoutMs);
    assert.deepEqual(sleeps, [100, 200, 400, 500, 500]);
  });
});
