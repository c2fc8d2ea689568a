import * as assert from "node:assert/strict";
import { isOperationError } from "../../sdk/operation-error";
import { DEFAULT_POLL_INTERVAL_MS, pollUntil } from "../../sdk/polling";
import { fakeClock } from "../provider/clients/support/fake-clock";

describe("pollUntil", () => {
  it("polls until a value comes back and returns it, pausing pollIntervalMs between polls on the clock it is given", async () => {
    const { clock, sleeps } = fakeClock();
    let calls = 0;
    const value = await pollUntil("the run", async () => (++calls === 3 ? "done" : undefined), { pollIntervalMs: 20_000, timeoutMs: 60_000 }, clock);
    assert.equal(value, "done");
    assert.equal(calls, 3);
    assert.deepEqual(sleeps, [20_000, 20_000], "every pause went to the injected clock");
  });

  it("pauses 5 s between polls by default", async () => {
    const { clock, sleeps } = fakeClock();
    let calls = 0;
    await pollUntil("the run", async () => (++calls === 2 ? true : undefined), {}, clock);
    assert.deepEqual(sleeps, [DEFAULT_POLL_INTERVAL_MS]);
  });

  it("fails with rule operation-timeout, naming what it waited for, when the next poll would pass the deadline", async () => {
    const { clock, sleeps } = fakeClock(1_000_000);
    let calls = 0;
    await assert.rejects(
      pollUntil("the backup run c1", async () => void calls++, { pollIntervalMs: 400, timeoutMs: 1_000 }, clock),
      (err: Error) => isOperationError(err, "operation-timeout") && /^the backup run c1 did not finish within 1 s/.test(err.message),
    );
    assert.equal(calls, 3, "polls at 0, 400 and 800 ms; a fourth at 1200 ms would pass the deadline");
    assert.deepEqual(sleeps, [400, 400]);
    assert.equal(clock.now(), 1_000_800);
  });
});
