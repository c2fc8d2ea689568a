import assert from "node:assert/strict";
import { agentFor, closeAgents } from "../../../provider/clients/tls";
import { exchange, type TransportRequest } from "../../../provider/clients/transport";
import { json, reset, startTestServer, type TestServer } from "./support/test-server";

function request(extra: Partial<TransportRequest> = {}): TransportRequest {
  return { method: "GET", headers: { accept: "application/json" }, agents: agentFor(), signal: new AbortController().signal, ...extra };
}

async function failureOf(p: Promise<unknown>): Promise<{ code?: unknown; name?: unknown }> {
  try {
    await p;
  } catch (err) {
    return err as { code?: unknown; name?: unknown };
  }
  assert.fail("the exchange succeeded");
}

describe("transport (one exchange on Node's http)", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await closeAgents();
  });

  it("sends the method, the path with its query, the headers and the body with its length, and reads the whole answer", async () => {
    const big = "x".repeat(300_000);
    server = await startTestServer((req, res) => json(res, 201, { got: req.body, big }));
    const res = await exchange(`${server.url}/v1/p/policies?limit=2&marker=x`, request({ method: "POST", headers: { "x-auth-token": "t" }, body: '{"a":"é"}' }));
    assert.equal(res.status, 201);
    assert.deepEqual(JSON.parse(res.text), { got: '{"a":"é"}', big });
    assert.equal(res.headers["x-openstack-request-id"], "req-test-1");
    const seen = server.seen[0];
    assert.equal(seen.method, "POST");
    assert.equal(seen.url, "/v1/p/policies?limit=2&marker=x");
    assert.equal(seen.headers["x-auth-token"], "t");
    assert.equal(seen.headers["content-length"], String(Buffer.byteLength('{"a":"é"}')));
  });

  it("keeps the connection for the next request to the same host", async () => {
    server = await startTestServer((_req, res) => json(res, 200, {}));
    await exchange(`${server.url}/a`, request());
    await exchange(`${server.url}/b`, request());
    assert.equal(server.seen.length, 2);
    assert.equal(server.seen[0].headers.connection, "keep-alive");
  });

  it("fails a connection cut before the answer with ECONNRESET, and a refused one with ECONNREFUSED", async () => {
    server = await startTestServer((_req, res) => reset(res));
    assert.equal((await failureOf(exchange(`${server.url}/x`, request()))).code, "ECONNRESET");
    const url = server.url;
    await server.close();
    server = undefined;
    assert.equal((await failureOf(exchange(`${url}/x`, request()))).code, "ECONNREFUSED");
  });

  it("fails an answer cut off mid-body instead of returning the part that came", async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"servers": [');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    assert.equal((await failureOf(exchange(`${server.url}/x`, request()))).code, "ECONNRESET");
  });

  it("stops when its signal aborts, and refuses a scheme that is not http(s)", async () => {
    server = await startTestServer(() => undefined);
    const controller = new AbortController();
    const pending = exchange(`${server.url}/slow`, request({ signal: controller.signal }));
    setTimeout(() => controller.abort(new Error("enough")), 20);
    assert.equal((await failureOf(pending)).name, "AbortError");
    assert.equal((await failureOf(exchange("ftp://127.0.0.1/x", request()))).code, "ERR_INVALID_PROTOCOL");
  });
});
