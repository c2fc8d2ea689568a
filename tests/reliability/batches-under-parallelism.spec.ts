/**
 * Issue 18 §1 at the engine's default parallelism (8 on a 2-core machine): 8 policies of 8 associations each,
 * all created, then all changed, then changed back under faults, each in one `pulumi up`. The engine's 8 slots
 * would hold updates of 2 or 3 policies at a time, none of whose batches could have all its siblings: the program
 * hands the engine each policy's associations together (sdk/registration-order.ts) and tells the provider the
 * engine's parallelism and each policy's number of associations; the provider starts a batch at once when every
 * slot waits. The request log shows each policy read and written at most twice (once, unless the engine reorders
 * registrations sent 30 ms apart), and no association's servers are lost.
 */
import * as assert from "node:assert/strict";
import { CsbsDirect, liveServers, scenarioStack, setProgram, type EngineStack, type ProgramSpec } from "../engine/provider/scenario-support";
import { ASSOCIATIONS_OF_POLICY_KEY, ENGINE_PARALLELISM_KEY } from "../../provider/hooks/batch-hints";
import type { TestCloud } from "../support/cloud";
import { admin } from "../support/cloud";
import { assertCloudMatchesDeclaration, demoServers, matching, ONE_POLICY, requestLog, startBigCloud, upThroughMembershipFaults, type LoggedRequest } from "./reliability-support";

const POLICIES = 8;
const PER_POLICY = 8;

describe("gathered server-list writes at the engine's default parallelism (issue 18 §1)", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let api: CsbsDirect;
  let stack: EngineStack;
  let servers: string[];

  /** Policy i's association j protects servers[offset + i·8 + j]. */
  const spec = (withAssociations: boolean, offset = 0): ProgramSpec => ({
    policies: Array.from({ length: POLICIES }, (_, i) => ({
      resource: `par-${i}`,
      args: { name: `par-policy-${i}`, schedule: { times: ["02:00"], weekdays: ["MO"] }, retention: { maxBackups: 7 } },
      associations: withAssociations
        ? Array.from({ length: PER_POLICY }, (_, j) => ({ resource: `par-${i}-part-${j}`, serverIds: [servers[offset + i * PER_POLICY + j]!] }))
        : [],
    })),
  });

  /** GETs and PUTs of each policy in the log, keyed by policy id. */
  function perPolicy(log: readonly LoggedRequest[], ids: readonly string[]): Map<string, { gets: number; puts: number }> {
    const out = new Map<string, { gets: number; puts: number }>();
    for (const id of ids) {
      const of = new RegExp(`/policies/${id}$`);
      out.set(id, { gets: matching(log, "GET", of).length, puts: matching(log, "PUT", of).length });
    }
    return out;
  }

  before(async () => {
    cloud = await startBigCloud(2 * POLICIES * PER_POLICY);
    api = await CsbsDirect.login(cloud);
    servers = demoServers(cloud, "app-", 2 * POLICIES * PER_POLICY);
    stack = await scenarioStack(cloud, "parallel-batches", spec(false));
    const up = await stack.up();
    assert.equal(up.code, 0, up.output.slice(-3000));
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  for (const [title, offset] of [
    ["creates 8 associations of each of 8 policies in one up", 0],
    ["changes every association of the 8 policies in one up", POLICIES * PER_POLICY],
  ] as const) {
    it(`${title}: each policy read and written at most twice, ${POLICIES + 2} writes in all at most, no association's servers lost`, async () => {
      setProgram(stack, spec(true, offset));
      await admin(cloud, "DELETE", "/requests");
      const up = await stack.up();
      assert.equal(up.code, 0, up.output.slice(-3000));
      const log = await requestLog(cloud);
      const ids = (await api.policies()).map((p) => p.id);
      const counts = perPolicy(log, ids);
      const described = [...counts.values()].map((c) => `${c.gets}/${c.puts}`).join(" ");
      const all = [...counts.values()];
      assert.ok(all.every((c) => c.puts >= 1 && c.puts <= 2 && c.gets <= 2), `GET/PUT per policy: ${described}`);
      assert.ok(matching(log, "PUT", ONE_POLICY).length <= POLICIES + 2, `PUTs in all: ${described}`);
      await assertCloudMatchesDeclaration(stack, api, spec(true, offset));
    });
  }

  it("changes every association back under faults (a lost PUT answer, a 503 read, a reset PUT) without losing a server", async () => {
    setProgram(stack, spec(true, 0));
    const up = await upThroughMembershipFaults(cloud, stack, 181);
    assert.equal(up.code, 0, up.output.slice(-3000));
    await assertCloudMatchesDeclaration(stack, api, spec(true, 0));
    const held = (await api.policies()).flatMap((p) => liveServers(p)).sort();
    assert.deepEqual(held, servers.slice(0, POLICIES * PER_POLICY).sort());
  });

  it("keeps the hints out of state and diffs: a preview at another parallelism shows no change", async () => {
    const state = await stack.exportState();
    const kept = JSON.stringify((state.deployment.resources ?? []).map((r) => [r.inputs, r.outputs]));
    for (const key of [ENGINE_PARALLELISM_KEY, ASSOCIATIONS_OF_POLICY_KEY]) assert.equal(kept.includes(key), false, `${key} is not in state`);
    const preview = await stack.preview(["--expect-no-changes", "--parallel", "3", "--diff"]);
    assert.equal(preview.code, 0, preview.output.slice(-3000));
    assert.doesNotMatch(preview.output, /__engineParallelism|__associationsOfPolicy/);
  });
});
