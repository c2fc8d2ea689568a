/**
 * Issue 18 §1 from the provider's side: association hooks that change one policy's server list at the same
 * time are gathered into one read-modify-write (one GET, one PUT of the policy), and each still gets its own
 * result: when the merged write is refused because of one association's server, the others' servers are
 * written and only that association fails, naming its server.
 */
import * as assert from "node:assert/strict";
import * as associations from "../../../provider/hooks/association-hooks";
import { admin } from "../../support/cloud";
import { providerRuntime } from "../../../provider/runtime/provider-runtime";
import { ASSOCIATIONS_OF_POLICY_KEY, ENGINE_PARALLELISM_KEY } from "../../../provider/hooks/batch-hints";
import { checkedInputs, hooksCloudPer, type Props } from "./support/hooks-cloud";

describe("gathered server-list writes of one policy (issue 18), against a local cloud", function () {
  this.timeout(60_000);
  const ctx = hooksCloudPer("test");

  const policyCalls = async (policyId: string): Promise<string[]> =>
    (await ctx.requests()).filter((r) => r.path.endsWith(`/policies/${policyId}`)).map((r) => r.method);
  const web = (i: number) => ctx.servers[`web-${String(i).padStart(3, "0")}`]!;

  /** Checks `count` associations of the policy, two servers each (as the engine does before any write). */
  async function checkedParts(policyId: string, count: number, hints: Props = {}, from = 0): Promise<Props[]> {
    const out: Props[] = [];
    for (let i = from; i < from + count; i++) {
      out.push(await checkedInputs(associations.check, { __resourceName: `part-${i}`, __policyRef: policyId, policyId, serverIds: [web(2 * i + 1), web(2 * i + 2)], ...hints }));
    }
    return out;
  }

  it("waits for the siblings the program declared and the engine has not checked yet: one GET and one PUT for all", async () => {
    const policy = await ctx.api.createPolicy("shared");
    const hints = { [ASSOCIATIONS_OF_POLICY_KEY]: 4, [ENGINE_PARALLELISM_KEY]: 8 };
    const first = await checkedParts(policy.id, 3, hints);
    for (const inputs of first) {
      assert.equal(ASSOCIATIONS_OF_POLICY_KEY in inputs, false, "the hints are not inputs of the resource (no diff, not in state)");
      assert.equal(ENGINE_PARALLELISM_KEY in inputs, false);
    }
    await ctx.forgetRequests();
    const creates = first.map((i) => associations.create(i as never));
    // The engine checks the fourth only now (its slots were busy); the three already wait for it.
    await new Promise((r) => setImmediate(r));
    const [last] = await checkedParts(policy.id, 1, hints, 3);
    creates.push(associations.create(last as never));
    await Promise.all(creates);
    assert.deepEqual(await policyCalls(policy.id), ["GET", "PUT"]);
    assert.equal((await ctx.api.policy(policy.id)).resources.length, 8);
  });

  it("creates eight associations of one policy with one GET and one PUT of it", async () => {
    const policy = await ctx.api.createPolicy("shared");
    const inputs = await checkedParts(policy.id, 8);
    await ctx.forgetRequests();
    await Promise.all(inputs.map((i) => associations.create(i as never)));
    assert.deepEqual(await policyCalls(policy.id), ["GET", "PUT"]);
    const live = (await ctx.api.policy(policy.id)).resources.map((r) => r.id).sort();
    assert.deepEqual(live, Array.from({ length: 16 }, (_, i) => web(i + 1)).sort());
  });

  it("fails only the association whose server the merged write was refused for; the others' servers are written", async () => {
    const policy = await ctx.api.createPolicy("shared");
    const inputs = await checkedParts(policy.id, 3);
    // web-003 (part-1's) breaks after the checks: CSBS refuses a server in ERROR state.
    await admin(ctx.cloud, "POST", "/fixtures", { projects: [{ name: "demo", servers: [{ name: "web-003", status: "ERROR" }] }] });
    const results = await Promise.allSettled(inputs.map((i) => associations.create(i as never)));
    assert.equal(results[0]!.status, "fulfilled");
    assert.equal(results[2]!.status, "fulfilled");
    assert.equal(results[1]!.status, "rejected");
    const message = (results[1] as PromiseRejectedResult).reason instanceof Error ? ((results[1] as PromiseRejectedResult).reason as Error).message : "";
    assert.match(message, /part-1/, message);
    const live = new Set((await ctx.api.policy(policy.id)).resources.map((r) => r.id));
    for (const s of [web(1), web(2), web(5), web(6)]) assert.ok(live.has(s), `server ${s} of a sound association is in the policy`);
    assert.ok(!live.has(web(3)), "the refused server is not");
  });

  it("keeps every server when an update, a delete and a move between two associations of the policy are gathered", async () => {
    const policy = await ctx.api.createPolicy("shared");
    const created = await checkedParts(policy.id, 3);
    const states = await Promise.all(created.map(async (i) => ({ id: (await associations.create(i as never)).id, outs: i })));
    // The next deployment, in a provider process of its own: it knows nothing of the creates' checks.
    providerRuntime().deployment.clear();
    // part-0 gives web-002 to part-1; part-1 also adds web-010; part-2 (web-005, web-006) is deleted.
    const next = [[web(1)], [web(3), web(4), web(2), web(10)]];
    const checkedNext: Props[] = [];
    for (let i = 0; i < 2; i++) checkedNext.push(await checkedInputs(associations.check, { ...states[i]!.outs, serverIds: next[i] }, states[i]!.outs));
    await ctx.forgetRequests();
    await Promise.all([
      ...checkedNext.map((n, i) => associations.update(states[i]!.id, states[i]!.outs, n as never)),
      associations.delete(states[2]!.id, states[2]!.outs),
    ]);
    assert.deepEqual(await policyCalls(policy.id), ["GET", "PUT"]);
    const live = (await ctx.api.policy(policy.id)).resources.map((r) => r.id).sort();
    assert.deepEqual(live, [web(1), web(2), web(3), web(4), web(10)].sort());
  });
});
