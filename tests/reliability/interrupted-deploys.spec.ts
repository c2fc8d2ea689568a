/**
 * Issue 6 §3: a deployment killed in the middle. (a) The provider process is SIGKILLed while policies it has
 * already POSTed are still `creating` (so the cloud holds policies the engine never heard of); (b) the engine
 * (`pulumi up` itself) is SIGKILLed while server-list writes are in flight, which leaves a lock and pending
 * creates in state. In both, the user-facing path (`pulumi cancel` for the lock, `pulumi refresh`, `pulumi up`)
 * brings cloud and state to the declaration: no leaked policy, no duplicate, every server associated.
 *
 * The provider writes an ownership marker (derived from project, stack and resource name) on every policy it
 * creates, so a policy left by an interrupted create is recognisably this resource's and the next create takes
 * it over, whether its name is explicit or auto-generated: both kinds are interrupted here, without any
 * `adopt: true` or other change to the program.
 */
import * as assert from "node:assert/strict";
import { admin, type TestCloud } from "../support/cloud";
import { CsbsDirect, scenarioStack, startTestCloud, webServers, type EngineStack, type ProgramSpec } from "../engine/provider/scenario-support";
import {
  assertCloudMatchesDeclaration,
  enginePids,
  fleetSpec,
  matching,
  ok2xx,
  ONE_POLICY,
  POLICIES,
  providerPids,
  stackPids,
  requestLog,
  until,
} from "./reliability-support";

describe("interrupted deployments (issue 6 §3)", function () {
  this.timeout(300_000);
  // One cloud per case, so each holds exactly the policies of its stack.
  let cloud: TestCloud;
  let api: CsbsDirect;
  const stacks: EngineStack[] = [];

  beforeEach(async () => {
    cloud = await startTestCloud();
    api = await CsbsDirect.login(cloud);
  });
  afterEach(async () => {
    await cloud?.close();
  });
  after(() => {
    for (const s of stacks) {
      for (const pid of [...providerPids(s), ...enginePids(s, "up")]) process.kill(pid, "SIGKILL");
      s.dispose();
    }
  });

  /** The policies of the cloud whose name starts with the stack's resource prefix (auto names keep it). */
  const policiesOf = async (prefix: string) => (await api.policies()).filter((p) => p.name.startsWith(`${prefix}-`));

  /** `fleetSpec` with explicit names (`<prefix>-policy-<i>`) for the first `explicit` policies, auto names after. */
  function mixedNames(spec: ProgramSpec, prefix: string, explicit: number): ProgramSpec {
    return { policies: spec.policies.map((p, i) => (i < explicit ? { ...p, args: { ...p.args, name: `${prefix}-policy-${i}` } } : p)) };
  }

  /**
   * Every POST to the policy collection, whatever its answer. Equal to the number of declared names while the
   * cloud holds each name exactly once, it means exactly one POST per name: a second POST of any name would
   * leave another declared name without one.
   */
  const policyPosts = async () => matching(await requestLog(cloud), "POST", POLICIES).length;

  it("recovers from the provider process killed while created policies are still `creating`, explicit names included", async () => {
    // The two policies of explicit names have no association: their creates wait out `creating` themselves
    // (policy-usability.ts), so the kill strands them in the cloud before the engine records them. The two with
    // associations end their creates at the POST, and their associations' writes are what the kill interrupts.
    const fleet = mixedNames(fleetSpec("cut", 4, 3, webServers(cloud, 12), true), "cut", 2);
    const spec: ProgramSpec = { policies: fleet.policies.map((p, i) => (i < 2 ? { ...p, associations: [] } : p)) };
    const stack = await scenarioStack(cloud, "interrupted-provider", spec);
    stacks.push(stack);
    await admin(cloud, "POST", "/csbs/settings", { creatingSeconds: 4 });
    await admin(cloud, "DELETE", "/requests");

    const running = stack.up();
    // Every create has been applied and is still `creating` (so none can have reached the state): kill now.
    await until("all four policy POSTs", async () => matching(await requestLog(cloud), "POST", POLICIES, ok2xx).length === 4);
    const pids = providerPids(stack);
    assert.ok(pids.length > 0, "found the stack's dynamic-provider process");
    for (const pid of pids) process.kill(pid, "SIGKILL");
    const killed = await running;
    await admin(cloud, "POST", "/csbs/settings", { creatingSeconds: 0 });
    assert.notEqual(killed.code, 0, "the interrupted up fails");
    const leaked = await policiesOf("cut");
    const recorded = (await stack.exportState()).deployment.resources?.filter((r) => r.type.endsWith("BackupPolicy")) ?? [];
    const recordedIds = new Set(recorded.map((r) => r.id));
    const strandedNamed = leaked.filter((p) => /^cut-policy-\d$/.test(p.name) && !recordedIds.has(p.id));
    assert.ok(strandedNamed.length > 0, `a policy with an explicit name is in the cloud but not in state (cloud: ${leaked.map((p) => p.name).join(", ")}): the case worth testing`);

    const refresh = await stack.refresh();
    assert.equal(refresh.code, 0, refresh.output.slice(-2000));
    const up = await stack.up();
    assert.equal(up.code, 0, up.output.slice(-3000));
    assert.doesNotMatch(up.output, /already used|adopt: true/, "no name conflict was reported");
    await assertCloudMatchesDeclaration(stack, api, spec);
    assert.equal(await policyPosts(), 4, "exactly one POST per policy name in all, explicit names included: the stranded policies were taken over");
    const state = (await stack.exportState()).deployment.resources ?? [];
    for (const p of strandedNamed) assert.ok(state.some((r) => r.id === p.id), `the stranded policy ${p.name} (${p.id}) is now in state`);
  });

  it("recovers from `pulumi up` itself killed while server lists are being written (lock and pending creates)", async () => {
    // Explicit names: after `--clear-pending-creates`, the ownership marker lets the next up take its policies back.
    const spec: ProgramSpec = fleetSpec("halt", 4, 3, webServers(cloud, 12, 20));
    const stack = await scenarioStack(cloud, "interrupted-engine", spec);
    stacks.push(stack);
    await admin(cloud, "DELETE", "/requests");
    await admin(cloud, "POST", "/faults", { rules: [{ method: "PUT", path: "/csbs/v1/[^/]+/policies/[^/]+$", latencyMs: 3000 }] });

    const running = stack.up();
    // A policy read: a create no longer reads its policy (the POST's answer says it is usable), so this is an
    // association's read-modify-write, whose PUT (slowed to 3 s) is then in flight, so the engine has a create
    // outstanding when it dies.
    await until("an association's server-list write", async () => {
      const reads = matching(await requestLog(cloud), "GET", ONE_POLICY).map((r) => r.path);
      return reads.length > 0;
    });
    await new Promise((r) => setTimeout(r, 300));
    const engines = enginePids(stack, "up");
    assert.equal(engines.length, 1, "found the stack's pulumi up process");
    process.kill(engines[0]!, "SIGKILL");
    await running;
    // The orphans (provider, language host, program) would go on on their own; stop them all as a crashed CI
    // runner would, so none outlives the test.
    for (const pid of stackPids(stack)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch (err) {
        // One that ended on its own between the listing and the kill (the provider, once its engine is gone) is stopped too.
        if ((err as { code?: unknown }).code !== "ESRCH") throw err;
      }
    }
    await admin(cloud, "DELETE", "/faults");
    const pending = ((await stack.exportState()).deployment as { pending_operations?: unknown[] }).pending_operations ?? [];
    assert.ok(pending.length > 0, "the killed engine left pending operations in state");

    const locked = await stack.refresh();
    assert.notEqual(locked.code, 0, "the stack is still locked by the killed update");
    assert.match(locked.output, /pulumi cancel/, "and the engine says how to unlock it");
    const cancel = await stack.cli(["cancel", "--yes"]);
    assert.equal(cancel.code, 0, cancel.output);
    // Non-interactively, refresh cannot decide about pending creates; this provider takes its own policies over
    // on the next up (by their ownership marker), so dropping them is safe.
    const refresh = await stack.refresh(["--clear-pending-creates"]);
    assert.equal(refresh.code, 0, refresh.output.slice(-2000));
    const up = await stack.up();
    assert.equal(up.code, 0, up.output.slice(-3000));
    assert.equal(await policyPosts(), 4, "no policy was created twice");
    assert.ok(matching(await requestLog(cloud), "PUT", ONE_POLICY).length > 0);
    await assertCloudMatchesDeclaration(stack, api, spec);
    assert.equal((await policiesOf("halt")).length, 4);
  });
});
