import assert from "node:assert/strict";
import { ApiError } from "../../../provider/clients/api-error";
import { createHttpClient, type HttpClientOptions } from "../../../provider/clients/http";
import { TransportError } from "../../../provider/clients/transport-error";
import { fakeClock } from "./support/fake-clock";
import { json, reset, startTestServer, type TestHandler, type TestServer } from "./support/test-server";

/** A client on a fake clock that records its waits instead of sleeping, so retry tests run instantly. */
function client(extra: HttpClientOptions = {}, start = 0) {
  const { clock, sleeps: waits } = fakeClock(start);
  const http = createHttpClient({ random: () => 0.5, clock, ...extra });
  return { http, waits };
}

describe("http client against a local HTTP server", () => {
  let server: TestServer | undefined;
  const start = async (handler: TestHandler) => (server = await startTestServer(handler));
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("sends JSON with the given headers and returns the parsed body and request id", async () => {
    const s = await start((req, res) => json(res, 200, { echo: JSON.parse(req.body), token: req.headers["x-auth-token"] }));
    const { http } = client();
    const res = await http.request<{ echo: unknown; token: string }>({ service: "CSBS", method: "POST", url: `${s.url}/policies`, body: { a: 1 }, headers: { "x-auth-token": "t" } });
    assert.deepEqual(res.body, { echo: { a: 1 }, token: "t" });
    assert.equal(res.requestId, "req-test-1");
    assert.equal(s.seen[0].headers["content-type"], "application/json");
  });

  it("retries a GET through 503 and 500 with growing jittered waits", async () => {
    const s = await start((_req, res, i) => (i < 2 ? json(res, i === 0 ? 503 : 500, { error_code: "CSBS.9999", error_msg: "busy" }) : json(res, 200, { ok: true })));
    const { http, waits } = client();
    const res = await http.request({ service: "CSBS", method: "GET", url: `${s.url}/policies` });
    assert.equal(res.attempts, 3);
    assert.equal(s.seen.length, 3);
    assert.deepEqual(waits, [100, 200]);
  });

  it("waits exactly Retry-After seconds on a 429", async () => {
    const s = await start((_req, res, i) => (i === 0 ? json(res, 429, { error_code: "X", error_msg: "slow down" }, { "retry-after": "2" }) : json(res, 200, {})));
    const { http, waits } = client();
    await http.request({ service: "Nova", method: "GET", url: `${s.url}/servers` });
    assert.deepEqual(waits, [2000]);
  });

  it("does not repeat a POST after a 500, because the create may have happened", async () => {
    const s = await start((_req, res) => json(res, 500, { error_code: "CSBS.9999", error_msg: "internal" }));
    const { http } = client();
    await assert.rejects(http.request({ service: "CSBS", method: "POST", url: `${s.url}/policies`, body: {} }), (err: ApiError) => {
      assert.ok(err instanceof ApiError);
      assert.equal(err.status, 500);
      return true;
    });
    assert.equal(s.seen.length, 1);
  });

  it("repeats a POST the caller marks idempotent", async () => {
    const s = await start((_req, res, i) => (i === 0 ? json(res, 502, {}) : json(res, 201, { ok: true })));
    const { http } = client();
    const res = await http.request({ service: "Keystone", method: "POST", url: `${s.url}/v3/auth/tokens`, body: {}, idempotent: true });
    assert.equal(res.status, 201);
    assert.equal(s.seen.length, 2);
  });

  it("retries a GET whose connection is reset", async () => {
    const s = await start((_req, res, i) => (i === 0 ? reset(res) : json(res, 200, { ok: 1 })));
    const { http } = client();
    const res = await http.request({ service: "Cinder", method: "GET", url: `${s.url}/volumes/v1` });
    assert.equal(res.attempts, 2);
  });

  it("reports a reset POST as a transport error whose outcome is unknown, without repeating it", async () => {
    const s = await start((_req, res) => reset(res));
    const { http } = client();
    await assert.rejects(http.request({ service: "CSBS", method: "POST", url: `${s.url}/policies`, body: {} }), (err: TransportError) => {
      assert.ok(err instanceof TransportError);
      assert.equal(err.outcomeUnknown, true);
      assert.match(err.message, /^CSBS POST \/policies failed/);
      return true;
    });
    assert.equal(s.seen.length, 1);
  });

  it("gives up after the maximum number of attempts with the last answer", async () => {
    const s = await start((_req, res) => json(res, 503, { error_code: "CSBS.9999", error_msg: "down" }));
    const { http, waits } = client({ retry: { maxAttempts: 3 } });
    await assert.rejects(http.request({ service: "CSBS", method: "GET", url: `${s.url}/policies` }), /CSBS 503 CSBS.9999 on GET \/policies: down \(request req-test-1\)/);
    assert.equal(s.seen.length, 3);
    assert.equal(waits.length, 2);
  });

  it("stops when a Retry-After would pass the call's deadline", async () => {
    const s = await start((_req, res) => json(res, 503, { error_code: "X", error_msg: "later" }, { "retry-after": "600" }));
    const { http, waits } = client({ retry: { deadlineMs: 60_000 } });
    await assert.rejects(http.request({ service: "CSBS", method: "GET", url: `${s.url}/policies` }), ApiError);
    assert.equal(s.seen.length, 1);
    assert.deepEqual(waits, []);
  });

  it("stops retrying when the next wait would pass the deadline, counting time on the injected clock", async () => {
    const s = await start((_req, res) => json(res, 503, { error_code: "X", error_msg: "busy" }));
    // Draws of 0.5 wait 100 then 200 ms; after 300 ms of the 350 only 50 remain, less than the next 200.
    const { http, waits } = client({ retry: { deadlineMs: 350 } });
    await assert.rejects(http.request({ service: "CSBS", method: "GET", url: `${s.url}/policies` }), ApiError);
    assert.deepEqual(waits, [100, 200]);
    assert.equal(s.seen.length, 3);
  });

  it("reads a Retry-After date against the injected clock", async () => {
    const s = await start((_req, res, i) => (i === 0 ? json(res, 503, { error_code: "X", error_msg: "later" }, { "retry-after": "Wed, 21 Oct 2015 07:28:05 GMT" }) : json(res, 200, {})));
    const { http, waits } = client({}, Date.parse("2015-10-21T07:28:00Z"));
    await http.request({ service: "CSBS", method: "GET", url: `${s.url}/policies` });
    assert.deepEqual(waits, [5000]);
  });

  it("abandons an attempt that takes longer than the attempt timeout and retries it", async () => {
    const s = await start((_req, res, i) => {
      if (i === 0) setTimeout(() => json(res, 200, { late: true }), 1_000);
      else json(res, 200, { late: false });
    });
    const { http } = client({ retry: { attemptTimeoutMs: 100 } });
    const res = await http.request<{ late: boolean }>({ service: "Nova", method: "GET", url: `${s.url}/servers` });
    assert.deepEqual(res.body, { late: false });
    assert.equal(res.attempts, 2);
  });

  it("does not retry a 400 and reports the service's code and message", async () => {
    const s = await start((_req, res) => json(res, 400, { error_code: "CSBS.6004", error_msg: "Server (abc) is already in service." }));
    const { http } = client();
    await assert.rejects(
      http.request({ service: "CSBS", method: "PUT", url: `${s.url}/policies/p1`, body: { policy: {} } }),
      (err: ApiError) => err.toString() === "CSBS 400 CSBS.6004 on PUT /policies/p1: Server (abc) is already in service. (request req-test-1)",
    );
    assert.equal(s.seen.length, 1);
  });

  it("never puts the request body or the token into an error, even when the service echoes them", async () => {
    const s = await start((req, res) => json(res, 400, { error: { code: 400, title: "Bad Request", message: `invalid body ${req.body} token ${req.headers["x-auth-token"]}` } }));
    const { http } = client();
    const err = await http
      .request({ service: "Keystone", method: "POST", url: `${s.url}/v3/auth/tokens`, body: { password: "hunter22-Secret" }, headers: { "x-auth-token": "tok-abcdef-123456" }, secrets: ["hunter22-Secret", "tok-abcdef-123456"] })
      .then(() => undefined, (e: Error) => e);
    assert.ok(err instanceof ApiError);
    assert.doesNotMatch(err.message, /hunter22|tok-abcdef/);
    assert.doesNotMatch(err.stack ?? "", /hunter22|tok-abcdef/);
  });

  it("repeats a POST whose connection was refused, since nothing was sent", async () => {
    const s = await start((_req, res) => json(res, 200, {}));
    const url = s.url;
    await s.close();
    server = undefined;
    const { http, waits } = client({ retry: { maxAttempts: 2 } });
    await assert.rejects(http.request({ service: "CSBS", method: "POST", url: `${url}/policies`, body: {} }), (err: TransportError) => {
      assert.equal(err.code, "ECONNREFUSED");
      assert.equal(err.outcomeUnknown, false);
      assert.equal(err.attempts, 2);
      return true;
    });
    assert.equal(waits.length, 1);
  });

  it("gives up on a host that refuses the very first connection after 2 attempts, not the policy's 8", async () => {
    const s = await start((_req, res) => json(res, 200, {}));
    const url = s.url;
    await s.close();
    server = undefined;
    const { http, waits } = client({ retry: { maxAttempts: 8 } });
    await assert.rejects(http.request({ service: "Keystone", method: "POST", url: `${url}/v3/auth/tokens`, body: {} }), (err: TransportError) => {
      assert.equal(err.code, "ECONNREFUSED");
      assert.equal(err.attempts, 2);
      return true;
    });
    assert.equal(waits.length, 1);
  });
});
