/**
 * Issue 6 §1: with about 20% of every CSBS, Nova, Cinder and Keystone request failing (500, 503, 429 with
 * Retry-After, connection resets, rare 3 s latency spikes; a fixed seed), `pulumi up` of 8 policies and 8
 * associations of 16 servers converges in at most one re-run: no duplicate policy, no server left out, and the
 * state equal to the cloud.
 */
import * as assert from "node:assert/strict";
import { admin, type TestCloud } from "../support/cloud";
import { CsbsDirect, scenarioStack, type EngineStack } from "../engine/provider/scenario-support";
import {
  assertCloudMatchesDeclaration,
  demoServers,
  fleetSpec,
  matching,
  ok2xx,
  POLICIES,
  requestLog,
  startBigCloud,
} from "./reliability-support";

const SERVICES = "^/(csbs|compute|volume|identity)/";

/** The bound: the first `up` plus at most one re-run (a request whose every retry failed fails its resource). */
const MAX_UP_RUNS = 2;

/**
 * Each rule draws its own chance in order, so the rate of a faulted request is
 * 1 − (0.96 · 0.95 · 0.96 · 0.94 · 0.99) ≈ 19.5%. A deployment asks Keystone, Nova and Cinder only a few times
 * (one shared token, one server list, one volume list), so their first request always fails too: a 500 on the
 * token request, a reset of the server list and a 503 on the volume list.
 */
const RULES = [
  { method: "POST", path: "^/identity/v3/auth/tokens$", status: 500, count: 1 },
  { path: "^/compute/", reset: true, count: 1 },
  { path: "^/volume/", status: 503, count: 1 },
  { path: SERVICES, status: 500, probability: 0.04 },
  { path: SERVICES, status: 503, probability: 0.05 },
  { path: SERVICES, status: 429, retryAfter: 1, probability: 0.04 },
  { path: SERVICES, reset: true, probability: 0.06 },
  { path: SERVICES, latencyMs: 3000, probability: 0.01 },
];

describe("a deployment under 20% transient faults (issue 6 §1)", function () {
  this.timeout(600_000);
  let cloud: TestCloud;
  let stack: EngineStack;
  let api: CsbsDirect;
  const spec = () => fleetSpec("flaky", 8, 16, demoServers(cloud, "app-", 128));

  before(async () => {
    cloud = await startBigCloud(128);
    api = await CsbsDirect.login(cloud);
    stack = await scenarioStack(cloud, "transient-faults", spec());
    await admin(cloud, "DELETE", "/requests");
    await admin(cloud, "POST", "/faults", { seed: 20251, rules: RULES });
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("converges in at most one re-run, with no duplicate policy, every server associated and state equal to the cloud", async () => {
    const outputs: string[] = [];
    let runs = 0;
    let code = -1;
    // Run until it converges, up to one run past the bound, so that needing more runs than the bound fails on the
    // count itself rather than passing unnoticed or failing as "did not converge".
    while (runs < MAX_UP_RUNS + 1 && code !== 0) {
      const up = await stack.up();
      runs++;
      code = up.code;
      outputs.push(up.output);
    }
    const log = await requestLog(cloud);
    await admin(cloud, "DELETE", "/faults");
    assert.equal(code, 0, `up did not converge in ${runs} runs:\n${outputs.map((o) => o.slice(-3000)).join("\n---\n")}`);
    assert.ok(runs <= MAX_UP_RUNS, `up needed ${runs} runs, more than the bound of ${MAX_UP_RUNS}:\n${outputs.map((o) => o.slice(-2000)).join("\n---\n")}`);

    // The faults really hit every service, at about the configured rate.
    for (const service of ["csbs", "compute", "volume", "identity"]) {
      const faulted = log.filter((r) => r.service === service && r.faulted && r.faulted !== "latency");
      assert.ok(faulted.length > 0, `faults hit ${service} (${log.filter((r) => r.service === service).length} requests)`);
    }
    const rate = log.filter((r) => r.faulted).length / log.length;
    assert.ok(rate > 0.1 && rate < 0.3, `fault rate ${rate.toFixed(3)} over ${log.length} requests`);

    // Exactly one create per policy reached the service: no create was blindly repeated after a lost answer.
    assert.equal(matching(log, "POST", POLICIES, ok2xx).length, 8, "successful POST /policies");
    await assertCloudMatchesDeclaration(stack, api, spec());

    const quiet = await stack.preview(["--refresh", "--expect-no-changes"]);
    assert.equal(quiet.code, 0, `the engine sees no difference between state and cloud:\n${quiet.output.slice(-3000)}`);
    const perService = ["csbs", "compute", "volume", "identity"].map((s) => `${s} ${log.filter((r) => r.service === s && r.faulted).length}/${log.filter((r) => r.service === s).length}`);
    console.log(`      ${runs} up run(s); faulted/requests: ${perService.join(", ")} (${(rate * 100).toFixed(1)}% overall)`);
  });
});
