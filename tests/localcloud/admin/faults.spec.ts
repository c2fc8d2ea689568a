import assert from "node:assert/strict";
import type { RequestLogEntry } from "../../../localcloud/core/request-log";
import { cloudPerSuite } from "../cloud-per-suite";
import { ADMIN_HEADERS } from "../../support/cloud";
import { adminCall, request, requestOrDrop, type Reply } from "../http";

const PATTERN = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=2;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

function policyBody(name: string): unknown {
  return {
    policy: {
      name,
      provider_id: "fc4d5750-22e7-4798-8a46-f48f62c4c1da",
      parameters: { common: {} },
      resources: [],
      scheduled_operations: [
        { enabled: true, operation_type: "backup", operation_definition: { max_backups: 7 }, trigger: { properties: { pattern: PATTERN } } },
      ],
    },
  };
}

describe("localcloud admin API: fault injection", function () {
  this.timeout(30000);
  const ctx = cloudPerSuite();

  afterEach(async () => {
    await request("DELETE", `${ctx.cloud.adminUrl}/faults`, { headers: { ...ADMIN_HEADERS } });
  });

  const servers = () => requestOrDrop("GET", `${ctx.cloud.url}/compute/v2.1/servers?limit=1`, { token: ctx.demo.token });

  it("replies with the rule's status in the service's dialect, with Retry-After, without running the handler", async () => {
    await adminCall(ctx.cloud, "POST", "/faults", { rules: [{ method: "GET", path: "^/compute/v2\\.1/servers$", status: 503, retryAfter: 2 }] });
    const r = (await servers()) as Reply;
    assert.equal(r.status, 503);
    assert.equal(r.headers["retry-after"], "2");
    assert.deepEqual(r.body, { serviceUnavailable: { code: 503, message: "injected fault: 503" } });
    assert.match(String(r.headers["x-openstack-request-id"]), /^req-/);
  });

  it("replies with the rule's body when one is given", async () => {
    await adminCall(ctx.cloud, "POST", "/faults", { rules: [{ path: "^/csbs/", status: 500, body: { error_code: "CSBS.9999", error_msg: "System error" } }] });
    const r = await request("GET", `${ctx.cloud.url}/csbs/v1/${ctx.demo.projectId}/policies`, { token: ctx.demo.token });
    assert.equal(r.status, 500);
    assert.deepEqual(r.body, { error_code: "CSBS.9999", error_msg: "System error" });
  });

  it("applies to the identity API too, and never to the admin API", async () => {
    await adminCall(ctx.cloud, "POST", "/faults", { rules: [{ path: ".*", status: 502 }] });
    const ks = await request("GET", `${ctx.cloud.url}/identity/v3`);
    assert.equal(ks.status, 502);
    assert.equal((await request("GET", `${ctx.cloud.adminUrl}/clock`)).status, 200);
  });

  it("resets the connection without a response when the rule says reset", async () => {
    await adminCall(ctx.cloud, "POST", "/faults", { rules: [{ path: "^/compute/", reset: true, count: 1 }] });
    const first = await servers();
    assert.ok("dropped" in first, "the first request is cut");
    const second = (await servers()) as Reply;
    assert.equal(second.status, 200, "count 1: the second request goes through");
  });

  it("runs the handler and then cuts the connection for dropResponse: the write happened", async () => {
    await adminCall(ctx.cloud, "POST", "/faults", { rules: [{ method: "POST", path: "/policies$", dropResponse: true, count: 1 }] });
    const cut = await requestOrDrop("POST", `${ctx.cloud.url}/csbs/v1/${ctx.demo.projectId}/policies`, { token: ctx.demo.token, body: policyBody("dropped-create") });
    assert.ok("dropped" in cut, "the client got no response");
    const list = await request("GET", `${ctx.cloud.url}/csbs/v1/${ctx.demo.projectId}/policies?name=dropped-create`, { token: ctx.demo.token });
    assert.equal(list.status, 200, list.text);
    assert.deepEqual((list.body as { policies: Array<{ name: string }> }).policies.map((p) => p.name), ["dropped-create"]);
  });

  it("delays and then answers normally for a latency rule", async () => {
    await adminCall(ctx.cloud, "POST", "/faults", { rules: [{ path: "^/compute/", latencyMs: 50 }] });
    await request("DELETE", `${ctx.cloud.adminUrl}/requests`, { headers: { ...ADMIN_HEADERS } });
    const r = (await servers()) as Reply;
    assert.equal(r.status, 200);
    const log = await adminCall<{ requests: RequestLogEntry[] }>(ctx.cloud, "GET", "/requests");
    assert.deepEqual(log.requests.map((e) => [e.path, e.status, e.faulted]), [["/compute/v2.1/servers", 200, "latency"]]);
  });

  it("fails the same requests for the same seed and probability", async () => {
    const run = async (seed: number) => {
      await adminCall(ctx.cloud, "POST", "/faults", { seed, rules: [{ path: "^/compute/", status: 503, probability: 0.5 }] });
      const out: number[] = [];
      for (let i = 0; i < 24; i++) out.push(((await servers()) as Reply).status);
      return out.join(",");
    };
    const a = await run(42);
    const b = await run(42);
    assert.equal(a, b);
    assert.ok(a.includes("503") && a.includes("200"), `some fail, some pass: ${a}`);
  });

  it("shows the active rules with their remaining count, and DELETE clears them", async () => {
    await adminCall(ctx.cloud, "POST", "/faults", { seed: 3, rules: [{ path: "^/compute/", status: 500, count: 2 }] });
    await servers();
    const d = await adminCall<{ seed: number; rules: Array<{ remaining: number }> }>(ctx.cloud, "GET", "/faults");
    assert.equal(d.seed, 3);
    assert.equal(d.rules[0]!.remaining, 1);
    assert.equal((await request("DELETE", `${ctx.cloud.adminUrl}/faults`, { headers: { ...ADMIN_HEADERS } })).status, 204);
    assert.equal(((await servers()) as Reply).status, 200);
  });

  it("rejects an invalid rule set with 400 naming the rule", async () => {
    const r = await request("POST", `${ctx.cloud.adminUrl}/faults`, { headers: { ...ADMIN_HEADERS }, body: { rules: [{ path: "[", status: 500 }] } });
    assert.equal(r.status, 400);
    assert.match((r.body as { error: { message: string } }).error.message, /rules\[0\]\.path/);
  });
});
