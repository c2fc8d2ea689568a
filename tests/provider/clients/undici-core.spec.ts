import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { Agent, request as undiciRequest } from "undici";
import { undiciCore } from "../../../provider/clients/undici-core";
import { json, startTestServer, type TestServer } from "./support/test-server";

const CORE_JS = path.resolve(__dirname, "../../../provider/clients/undici-core.js");

describe("undici core (the parts of undici the clients load)", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("loads the agent and request from undici's own modules, never its index", () => {
    // A fresh process: this one may have loaded undici's index for other specs.
    const script = `
      const { undiciCore } = require(${JSON.stringify(CORE_JS)});
      const core = undiciCore();
      const loaded = Object.keys(require.cache);
      console.log(JSON.stringify({
        index: loaded.some((f) => /node_modules[\\\\/]undici[\\\\/]index\\.js$/.test(f)),
        undiciModules: loaded.filter((f) => /node_modules[\\\\/]undici[\\\\/]/.test(f)).length,
        agentIsUndicis: core.Agent === require("undici/lib/dispatcher/agent"),
      }));`;
    const seen = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as { index: boolean; undiciModules: number; agentIsUndicis: boolean };
    assert.equal(seen.index, false);
    assert.equal(seen.agentIsUndicis, true);
    assert.ok(seen.undiciModules > 0 && seen.undiciModules < 40, `${seen.undiciModules} undici modules loaded`);
  });

  it("sends the method, path with its query, headers and body as undici's request does", async () => {
    server = await startTestServer((req, res) => json(res, 201, { got: req.body }));
    const agent = new (undiciCore().Agent)();
    try {
      const res = await undiciCore().request(`${server.url}/v1/p/policies?limit=2&marker=x`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-auth-token": "t" },
        body: JSON.stringify({ a: 1 }),
        dispatcher: agent,
      });
      assert.equal(res.statusCode, 201);
      assert.deepEqual(await res.body.json(), { got: '{"a":1}' });
      const ref = await undiciRequest(`${server.url}/v1/p/policies?limit=2&marker=x`, { method: "POST", headers: { "x-auth-token": "t" }, body: "{}", dispatcher: agent });
      await ref.body.text();
      assert.equal(server.seen[0].url, "/v1/p/policies?limit=2&marker=x");
      assert.equal(server.seen[0].url, server.seen[1].url);
      assert.equal(server.seen[0].method, "POST");
      assert.equal(server.seen[0].headers["x-auth-token"], "t");
    } finally {
      await agent.close();
    }
  });

  it("refuses a URL that is not http(s) with undici's own error, as its request does", () => {
    const agent = new Agent();
    const code = (fn: () => unknown): unknown => {
      try {
        fn();
        return "no error";
      } catch (err) {
        return (err as { code?: unknown }).code;
      }
    };
    const ours = code(() => undiciCore().request("ftp://127.0.0.1/x", { method: "GET", dispatcher: agent }));
    assert.equal(ours, "UND_ERR_INVALID_ARG");
    assert.equal(ours, code(() => undiciRequest("ftp://127.0.0.1/x", { method: "GET", dispatcher: agent })));
    void agent.close();
  });
});
