/**
 * Issue 6 §9, raw bytes: what fetch and node:http refuse to send. Non-UTF-8 bytes in paths and header values,
 * oversized headers, broken framing and bodies that are not UTF-8. The cloud answers each with a 4xx (or
 * the route's normal answer), never a 5xx or a silent close, changes nothing, and keeps serving.
 */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { request } from "../http";
import { changedCollections, startHostileCloud, type HostileCloud } from "./hostile-cloud";
import { rawHead, rawRequest } from "./raw-http";

const PREFIXES = ["/identity/v3/auth/tokens", "/compute/v2.1/servers/", "/volume/v3/PROJECT/volumes/", "/csbs/v1/PROJECT/policies/", "/csbs/v1/PROJECT/checkpoint_items/", "/karbor/v1/PROJECT/plans/", "/_localcloud/"];

/** Bytes allowed anywhere except CR/LF/space, which would end the request line (covered by their own case). */
const pathBytes = fc.uint8Array({ minLength: 1, maxLength: 400 }).map((a) => Buffer.from(a.filter((b) => b !== 0x0a && b !== 0x0d && b !== 0x20)));

describe("the local cloud under raw hostile bytes", function () {
  this.timeout(120_000);
  let hc: HostileCloud;

  before(async () => {
    hc = await startHostileCloud();
  });
  after(async () => {
    await hc?.cloud.close();
  });

  async function expectRefusedOrServed(head: Buffer, body?: Buffer): Promise<number> {
    const before = hc.snapshot();
    const reply = await rawRequest(hc.cloud.port, head, body);
    const what = JSON.stringify(head.toString("latin1").slice(0, 160));
    assert.ok(reply.status >= 200 && reply.status < 500, `${what} → ${reply.status || "closed without an answer"} ${reply.text.slice(0, 300)}`);
    if (reply.status >= 400) assert.deepEqual(changedCollections(before, hc.snapshot()), [], `${what} → ${reply.status} changed the cloud's state`);
    return reply.status;
  }

  it("answers paths with arbitrary raw bytes (non-UTF-8 included) on every service with a 4xx or the route's answer", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PREFIXES), pathBytes, fc.constantFrom("GET", "POST", "PUT", "DELETE"), async (prefix, bytes, method) => {
        const path = Buffer.concat([Buffer.from(prefix.replace("PROJECT", hc.projectId)), bytes]);
        await expectRefusedOrServed(rawHead(method, path, [["X-Auth-Token", hc.token], ["Content-Length", "0"]]));
      }),
      { numRuns: 300, seed: 6091 },
    );
  });

  it("refuses ids made of non-UTF-8 bytes, encoded or raw, with a 4xx", async () => {
    for (const id of ["%FF%FE%FD", "%C0%AF", "%ED%A0%80", "\xff\xfe", "%80", "..%c0%af..", "%E2%82"]) {
      const path = Buffer.from(`/csbs/v1/${hc.projectId}/policies/${id}`, "latin1");
      const status = await expectRefusedOrServed(rawHead("GET", path, [["X-Auth-Token", hc.token]]));
      assert.ok(status >= 400 && status < 500, `${id} → ${status}`);
    }
  });

  it("refuses tokens and header values with bytes outside ASCII, and control bytes, without a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 2000 }).map((a) => Buffer.from(a.filter((b) => b !== 0x0a && b !== 0x0d))),
        fc.constantFrom("X-Auth-Token", "Content-Type", "Accept", "X-Subject-Token", "OpenStack-API-Version"),
        async (value, name) => {
          const path = Buffer.from(`/csbs/v1/${hc.projectId}/policies`);
          const headers: Array<[string, Buffer | string]> = [[name, value], ["Content-Length", "0"]];
          if (name !== "X-Auth-Token") headers.push(["X-Auth-Token", hc.token]);
          await expectRefusedOrServed(rawHead("GET", path, headers));
        },
      ),
      { numRuns: 200, seed: 6092 },
    );
  });

  it("refuses JSON bodies that are not UTF-8, and broken framing, with a 4xx and no change", async () => {
    const policies = Buffer.from(`/csbs/v1/${hc.projectId}/policies`);
    const token: [string, string] = ["X-Auth-Token", hc.token];
    const json: [string, string] = ["Content-Type", "application/json"];
    const latin1 = Buffer.from('{"policy":{"name":"caf\xe9-\xff\xfe"}}', "latin1");
    const utf16 = Buffer.from('{"policy":{}}', "utf16le");
    const cases: Array<{ name: string; head: Buffer; body?: Buffer }> = [
      { name: "latin-1 name", head: rawHead("POST", policies, [token, json, ["Content-Length", String(latin1.length)]]), body: latin1 },
      { name: "UTF-16 body", head: rawHead("POST", policies, [token, json, ["Content-Length", String(utf16.length)]]), body: utf16 },
      { name: "body longer than Content-Length", head: rawHead("POST", policies, [token, json, ["Content-Length", "5"]]), body: Buffer.from('{"policy":{"name":"x"}}') },
      { name: "Content-Length not a number", head: rawHead("POST", policies, [token, json, ["Content-Length", "abc"]]), body: Buffer.from("{}") },
      { name: "two Content-Lengths", head: rawHead("POST", policies, [token, json, ["Content-Length", "2"], ["Content-Length", "3"]]), body: Buffer.from("{}") },
      { name: "bad chunk size", head: rawHead("POST", policies, [token, json, ["Transfer-Encoding", "chunked"]]), body: Buffer.from("zz\r\n{}\r\n0\r\n\r\n") },
      { name: "header over 16 KiB", head: rawHead("GET", policies, [token, ["X-Padding", "a".repeat(20_000)]]) },
      { name: "space in the path", head: rawHead("GET", Buffer.from(`/csbs/v1/${hc.projectId}/policies/a b`), [token]) },
      { name: "bare LF in the path", head: rawHead("GET", Buffer.from(`/csbs/v1/${hc.projectId}/poli\ncies`), [token]) },
      { name: "NUL in the path", head: rawHead("GET", Buffer.from(`/csbs/v1/${hc.projectId}/policies/\u0000`), [token]) },
      { name: "body of 2 MiB", head: rawHead("POST", policies, [token, json, ["Content-Length", String(2 * 1024 * 1024)]]), body: Buffer.alloc(2 * 1024 * 1024, 0x20) },
    ];
    for (const c of cases) {
      const before = hc.snapshot();
      const reply = await rawRequest(hc.cloud.port, c.head, c.body);
      assert.ok(reply.status >= 400 && reply.status < 500, `${c.name} → ${reply.status || "closed without an answer"} ${reply.text.slice(0, 200)}`);
      assert.deepEqual(changedCollections(before, hc.snapshot()), [], `${c.name} changed the cloud's state`);
    }
  });

  it("keeps serving after all of it", async () => {
    const r = await request("GET", `${hc.cloud.url}/csbs/v1/${hc.projectId}/policies/${hc.params.policy_id}`, { token: hc.token });
    assert.equal(r.status, 200, r.text);
    assert.equal((r.body as { policy: { name: string } }).policy.name, "hostile-target");
  });
});
