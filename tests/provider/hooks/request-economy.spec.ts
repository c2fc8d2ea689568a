/**
 * Issue 7 from the provider's side: the hooks, called in-process as the engine calls them against a real local
 * cloud, send only the requests a deployment needs (counted in the cloud's request log), and every shortcut
 * keeps its safety: a create whose answer was lost is looked up by name before any second POST, and a server
 * list write whose answer lacks our servers is read again and repeated.
 */
import * as assert from "node:assert/strict";
import { startHooksCloud, stopHooksCloud } from "./hooks-on-cloud";
import * as associations from "../../../provider/hooks/association-hooks";
import * as policies from "../../../provider/hooks/policy-hooks";
import { providerRuntime } from "../../../provider/runtime/provider-runtime";
import type { CsbsPolicy } from "../../../provider/wire/csbs";
import { admin, type TestCloud } from "../../support/cloud";
import { CsbsDirect } from "../../engine/provider/scenario-support";

type Props = Record<string, unknown>;

interface Logged {
  method: string;
  path: string;
  service: string;
  faulted?: string;
}

const OWNER = "0123456789abcdef0123456789abcdef";

function policyProgram(name: string): Props {
  return { __resourceName: name, __autoNamed: false, __owner: OWNER, name, schedule: { times: ["02:00"] }, retention: { maxBackups: 7 } };
}

/** `METHOD path` with ids replaced, so sequences read as the API calls they are. */
function shape(r: Logged): string {
  return `${r.method} ${r.path.replace(/[0-9a-f]{32}/g, "P").replace(/[0-9a-f-]{36}/g, "ID")}`;
}

describe("requests the hooks send (issue 7), against a local cloud", function () {
  this.timeout(60_000);
  let cloud: TestCloud;
  let api: CsbsDirect;
  let servers: Record<string, string>;

  beforeEach(async () => {
    ({ cloud, api, servers } = await startHooksCloud());
    await admin(cloud, "DELETE", "/requests");
  });
  afterEach(() => stopHooksCloud(cloud));

  const log = async (): Promise<Logged[]> => (await admin<{ requests: Logged[] }>(cloud, "GET", "/requests")).requests;
  const csbsCalls = async (): Promise<string[]> => (await log()).filter((r) => r.service === "csbs").map(shape);
  const count = (calls: string[], call: string) => calls.filter((c) => c === call).length;

  async function checked(hooks: typeof policies | typeof associations, news: Props): Promise<Props> {
    const result = await hooks.check({}, news);
    assert.deepEqual(result.failures ?? [], []);
    return result.inputs as Props;
  }

  it("creates three policies with one listing, one quota read and one POST each: no name lookup, no waiting GET", async () => {
    const names = ["daily-a", "daily-b", "daily-c"];
    const inputs = await Promise.all(names.map((n) => checked(policies, policyProgram(n))));
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

  it("looks the name up afresh after a create whose answer was lost, and never sends the POST twice", async () => {
    const inputs = await checked(policies, policyProgram("daily-a"));
    await admin(cloud, "POST", "/faults", { seed: 1, rules: [{ method: "POST", path: "/csbs/v1/[^/]+/policies$", dropResponse: true, count: 1 }] });
    const created = await policies.create(inputs as never);
    const calls = await csbsCalls();
    assert.equal(count(calls, "POST /csbs/v1/P/policies"), 1);
    // The check's listing, then the lookup by name after the lost answer.
    assert.equal(count(calls, "GET /csbs/v1/P/policies"), 2);
    assert.deepEqual((await api.policies()).map((p) => p.id), [created.id]);
  });

  it("keeps the listing current with its own writes: a later create of that name takes its own policy over", async () => {
    const first = await policies.create((await checked(policies, policyProgram("daily-a"))) as never);
    providerRuntime().deployment.clear();
    const again = await policies.create((await checked(policies, policyProgram("daily-a"))) as never);
    assert.equal(again.id, first.id);
    const calls = await csbsCalls();
    assert.equal(count(calls, "POST /csbs/v1/P/policies"), 1);
    assert.equal(count(calls, "GET /csbs/v1/P/policies"), 1);
  });

  it("adds an association's servers with one GET and one PUT of the policy, verified against the PUT's answer", async () => {
    const policy = await api.createPolicy("target");
    const news = { __resourceName: "web", __policyRef: policy.id, policyId: policy.id, serverIds: [servers["web-001"], servers["web-002"]] };
    const inputs = await checked(associations, news);
    await admin(cloud, "DELETE", "/requests");
    await associations.create(inputs as never);
    assert.deepEqual(await csbsCalls(), ["GET /csbs/v1/P/policies/ID", "PUT /csbs/v1/P/policies/ID"]);
    assert.deepEqual((await api.policy(policy.id)).resources.map((r) => r.id).sort(), [servers["web-001"], servers["web-002"]].sort());
  });

  it("reads the policy again and repeats the PUT when the PUT's answer does not hold the servers written", async () => {
    const policy = await api.createPolicy("target");
    const news = { __resourceName: "web", __policyRef: policy.id, policyId: policy.id, serverIds: [servers["web-001"]] };
    const inputs = await checked(associations, news);
    // Another writer's list came back (the PUT did not run): the answer lacks web-001.
    const stale: CsbsPolicy = await api.policy(policy.id);
    await admin(cloud, "POST", "/faults", { seed: 1, rules: [{ method: "PUT", path: "/csbs/v1/[^/]+/policies/[^/]+$", status: 200, body: { policy: stale }, count: 1 }] });
    await admin(cloud, "DELETE", "/requests");
    await associations.create(inputs as never);
    assert.deepEqual(await csbsCalls(), [
      "GET /csbs/v1/P/policies/ID",
      "PUT /csbs/v1/P/policies/ID",
      "GET /csbs/v1/P/policies/ID",
      "PUT /csbs/v1/P/policies/ID",
    ]);
    assert.deepEqual((await api.policy(policy.id)).resources.map((r) => r.id), [servers["web-001"]]);
  });

  it("refreshes a policy and its association from one GET", async () => {
    const policy = await api.createPolicy("target", [servers["web-001"]]);
    const state = { __resourceName: "web", __policyRef: policy.id, policyId: policy.id, serverIds: [servers["web-001"]], takeOver: false };
    await admin(cloud, "DELETE", "/requests");
    const [policyRead, associationRead] = await Promise.all([
      policies.read(policy.id, { __resourceName: "target", name: "target" }),
      associations.read(`${policy.id}/a`, state),
    ]);
    assert.equal(policyRead.id, policy.id);
    assert.deepEqual(associationRead.props?.serverIds, [servers["web-001"]]);
    assert.deepEqual(await csbsCalls(), ["GET /csbs/v1/P/policies/ID"]);
  });

  it("checks the disks of many servers with one Cinder listing, not one request per volume", async () => {
    const policy = await api.createPolicy("target");
    const serverIds = ["web-001", "web-002", "web-003", "db-0", "shared-0"].map((n) => servers[n]!);
    const result = await associations.check({}, { __resourceName: "web", __policyRef: policy.id, policyId: policy.id, serverIds });
    assert.deepEqual(result.failures?.map((f) => f.reason.split(" ")[0]), ["`serverIds[4]`"]);
    assert.match(result.failures![0]!.reason, /shared \(multi-attach\) disk/);
    const volumeCalls = (await log()).filter((r) => r.service === "volume").map(shape);
    assert.deepEqual(volumeCalls, ["GET /volume/v3/P/volumes/detail"]);
  });
});
