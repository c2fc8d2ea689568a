/**
 * Issue 7 from the provider's side: the hooks, called in-process as the engine calls them against a real local
 * cloud, send only the requests a deployment needs (counted in the cloud's request log), and every shortcut
 * keeps its safety: a create whose answer was lost is looked up by name before any second POST, and a server
 * list write whose answer lacks our servers is read again and repeated.
 */
import * as assert from "node:assert/strict";
import * as associations from "../../../provider/hooks/association-hooks";
import * as policies from "../../../provider/hooks/policy-hooks";
import { providerRuntime } from "../../../provider/runtime/provider-runtime";
import type { CsbsPolicy } from "../../../provider/wire/csbs";
import { admin } from "../../support/cloud";
import { checkedInputs, hooksCloudPer, type LoggedRequest, type Props } from "./support/hooks-cloud";

const OWNER = "0123456789abcdef0123456789abcdef";

function policyProgram(name: string): Props {
  return { __resourceName: name, __autoNamed: false, __owner: OWNER, name, schedule: { times: ["02:00"] }, retention: { maxBackups: 7 } };
}

/** `METHOD path` with ids replaced, so sequences read as the API calls they are. */
function shape(r: LoggedRequest): string {
  return `${r.method} ${r.path.replace(/[0-9a-f]{32}/g, "P").replace(/[0-9a-f-]{36}/g, "ID")}`;
}

describe("requests the hooks send (issue 7), against a local cloud", function () {
  this.timeout(60_000);
  const ctx = hooksCloudPer("test");
  const csbsCalls = async (): Promise<string[]> => (await ctx.requests()).filter((r) => r.service === "csbs").map(shape);
  const count = (calls: string[], call: string) => calls.filter((c) => c === call).length;

  it("creates three policies with one listing, one quota read and one POST each: no name lookup, no waiting GET", async () => {
    const names = ["daily-a", "daily-b", "daily-c"];
    const inputs = await Promise.all(names.map((n) => checkedInputs(policies.check, policyProgram(n))));
    const created = await Promise.all(inputs.map((i) => policies.create(i as never)));
    assert.equal(new Set(created.map((c) => c.id)).size, 3);
    const calls = await csbsCalls();
    assert.deepEqual(calls.filter((c) => !c.includes("/tags")).sort(), [
      "GET /csbs/v1/P/policies",
      "GET /csbs/v1/P/quotas",
      "POST /csbs/v1/P/policies",
      "POST /csbs/v1/P/policies",
      "POST /csbs/v1/P/policies",
    ]);
  });

  it("checks an existing policy and its association without reading the quota: an up that creates no policy sends none", async () => {
    const policy = await ctx.api.createPolicy("kept");
    await ctx.forgetRequests();
    const state = { __resourceName: "kept", __autoNamed: false, __owner: OWNER, name: "kept" };
    await checkedInputs(policies.check, policyProgram("kept"), state);
    await checkedInputs(associations.check, { __resourceName: "web", __policyRef: policy.id, policyId: policy.id, serverIds: [ctx.servers["web-001"]] });
    assert.deepEqual(await csbsCalls(), ["GET /csbs/v1/P/policies"]);
  });

  it("reads the quota when an existing policy is renamed to a free name, which counts as one more policy", async () => {
    await ctx.api.createPolicy("old-name");
    await ctx.forgetRequests();
    const state = { __resourceName: "kept", __autoNamed: false, __owner: OWNER, name: "old-name" };
    await checkedInputs(policies.check, policyProgram("new-name"), state);
    assert.deepEqual((await csbsCalls()).sort(), ["GET /csbs/v1/P/policies", "GET /csbs/v1/P/quotas"]);
  });

  it("looks the name up afresh after a create whose answer was lost, and never sends the POST twice", async () => {
    const inputs = await checkedInputs(policies.check, policyProgram("daily-a"));
    await admin(ctx.cloud, "POST", "/faults", { seed: 1, rules: [{ method: "POST", path: "/csbs/v1/[^/]+/policies$", dropResponse: true, count: 1 }] });
    const created = await policies.create(inputs as never);
    const calls = await csbsCalls();
    assert.equal(count(calls, "POST /csbs/v1/P/policies"), 1);
    // The check's listing, then the lookup by name after the lost answer.
    assert.equal(count(calls, "GET /csbs/v1/P/policies"), 2);
    assert.deepEqual((await ctx.api.policies()).map((p) => p.id), [created.id]);
  });

  it("keeps the listing current with its own writes: a later create of that name takes its own policy over", async () => {
    const first = await policies.create((await checkedInputs(policies.check, policyProgram("daily-a"))) as never);
    providerRuntime().deployment.clear();
    const again = await policies.create((await checkedInputs(policies.check, policyProgram("daily-a"))) as never);
    assert.equal(again.id, first.id);
    const calls = await csbsCalls();
    assert.equal(count(calls, "POST /csbs/v1/P/policies"), 1);
    assert.equal(count(calls, "GET /csbs/v1/P/policies"), 1);
  });

  it("adds an association's servers with one GET and one PUT of the policy, verified against the PUT's answer", async () => {
    const policy = await ctx.api.createPolicy("target");
    const news = { __resourceName: "web", __policyRef: policy.id, policyId: policy.id, serverIds: [ctx.servers["web-001"], ctx.servers["web-002"]] };
    const inputs = await checkedInputs(associations.check, news);
    await ctx.forgetRequests();
    await associations.create(inputs as never);
    assert.deepEqual(await csbsCalls(), ["GET /csbs/v1/P/policies/ID", "PUT /csbs/v1/P/policies/ID"]);
    assert.deepEqual((await ctx.api.policy(policy.id)).resources.map((r) => r.id).sort(), [ctx.servers["web-001"], ctx.servers["web-002"]].sort());
  });

  it("reads the policy again and repeats the PUT when the PUT's answer does not hold the servers written", async () => {
    const policy = await ctx.api.createPolicy("target");
    const news = { __resourceName: "web", __policyRef: policy.id, policyId: policy.id, serverIds: [ctx.servers["web-001"]] };
    const inputs = await checkedInputs(associations.check, news);
    // Another writer's list came back (the PUT did not run): the answer lacks web-001.
    const stale: CsbsPolicy = await ctx.api.policy(policy.id);
    await admin(ctx.cloud, "POST", "/faults", { seed: 1, rules: [{ method: "PUT", path: "/csbs/v1/[^/]+/policies/[^/]+$", status: 200, body: { policy: stale }, count: 1 }] });
    await ctx.forgetRequests();
    await associations.create(inputs as never);
    assert.deepEqual(await csbsCalls(), [
      "GET /csbs/v1/P/policies/ID",
      "PUT /csbs/v1/P/policies/ID",
      "GET /csbs/v1/P/policies/ID",
      "PUT /csbs/v1/P/policies/ID",
    ]);
    assert.deepEqual((await ctx.api.policy(policy.id)).resources.map((r) => r.id), [ctx.servers["web-001"]]);
  });

  it("refreshes a policy and its association from one GET", async () => {
    const policy = await ctx.api.createPolicy("target", [ctx.servers["web-001"]]);
    const state = { __resourceName: "web", __policyRef: policy.id, policyId: policy.id, serverIds: [ctx.servers["web-001"]], takeOver: false };
    await ctx.forgetRequests();
    const [policyRead, associationRead] = await Promise.all([
      policies.read(policy.id, { __resourceName: "target", name: "target" }),
      associations.read(`${policy.id}/a`, state),
    ]);
    assert.equal(policyRead.id, policy.id);
    assert.deepEqual(associationRead.props?.serverIds, [ctx.servers["web-001"]]);
    assert.deepEqual(await csbsCalls(), ["GET /csbs/v1/P/policies/ID"]);
  });

  it("checks an association that keeps its servers in its policy without asking Nova or Cinder, and looks up only a server it adds", async () => {
    const policy = await ctx.api.createPolicy("kept-servers");
    // shared-0 has a shared disk: judged again, it would fail the check.
    const held = ["web-001", "shared-0"].map((n) => ctx.servers[n]!);
    const state = { __resourceName: "web", __policyRef: policy.id, policyId: policy.id, serverIds: held };
    await ctx.forgetRequests();
    await checkedInputs(associations.check, { __resourceName: "web", __policyRef: policy.id, policyId: policy.id, serverIds: held }, state);
    const unchanged = (await ctx.requests()).filter((r) => r.service === "compute" || r.service === "volume");
    assert.deepEqual(unchanged.map(shape), []);

    await ctx.forgetRequests();
    const adding = await associations.check(state, { __resourceName: "web", __policyRef: policy.id, policyId: policy.id, serverIds: [...held, ctx.servers["broken-0"]!] });
    assert.deepEqual(adding.failures?.map((f) => f.reason.split(" ")[0]), ["`serverIds[2]`"], "only the added broken server is judged, not the held shared-disk one");
    assert.match(adding.failures![0]!.reason, /ERROR: only Running/);
    const lookups = (await ctx.requests()).filter((r) => r.service === "compute").map(shape);
    assert.ok(lookups.includes("GET /compute/v2.1/servers/detail"), lookups.join(", "));
  });

  it("checks the disks of many servers with one Cinder listing, not one request per volume", async () => {
    const policy = await ctx.api.createPolicy("target");
    const serverIds = ["web-001", "web-002", "web-003", "db-0", "shared-0"].map((n) => ctx.servers[n]!);
    const result = await associations.check({}, { __resourceName: "web", __policyRef: policy.id, policyId: policy.id, serverIds });
    assert.deepEqual(result.failures?.map((f) => f.reason.split(" ")[0]), ["`serverIds[4]`"]);
    assert.match(result.failures![0]!.reason, /shared \(multi-attach\) disk/);
    const volumeCalls = (await ctx.requests()).filter((r) => r.service === "volume").map(shape);
    assert.deepEqual(volumeCalls, ["GET /volume/v3/P/volumes/detail"]);
  });
});
