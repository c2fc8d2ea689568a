/**
 * Issue 18: the waits of many new policies overlap. 32 policies (the project quota) with one association each,
 * in a cloud whose policies stay `creating` until the test moves the cloud's clock on (and for an hour of real
 * time otherwise). The test moves the clock only once the request log holds all 32 POSTs and an association's
 * read of its creating policy (the POSTs can all be in before any association has looked): if a policy's create
 * waited for its policy, the engine (a few operations at once) could never send them all while every policy is
 * still creating, and the up would stall; here all are sent, the associations' writes wait, and the waits end
 * together. No duration is asserted: the order of the requests shows it.
 */
import * as assert from "node:assert/strict";
import { admin, type TestCloud } from "../support/cloud";
import { scenarioStack, startTestCloud, webServers, type EngineStack, type ProgramSpec } from "../engine/provider/scenario-support";
import { matching, ok2xx, ONE_POLICY, POLICIES, requestLog, type LoggedRequest } from "./reliability-support";

const POLICY_COUNT = 32;
/** Long enough that only the test's move of the cloud's clock ends `creating`. */
const CREATING_SECONDS = 3600;
/** A stall guard, not a measure: the POSTs stopped coming (creates waiting in turns); the test then fails. */
const STALL_MS = 90_000;

describe("overlapping waits of 32 new policies (issue 18)", function () {
  this.timeout(600_000);
  let cloud: TestCloud;
  let stack: EngineStack;

  const spec = (): ProgramSpec => {
    const web = webServers(cloud, 2 * POLICY_COUNT);
    return {
      policies: Array.from({ length: POLICY_COUNT }, (_, i) => ({
        resource: `p${i}`,
        args: { name: `overlap-${i}`, schedule: { times: ["03:00"], weekdays: ["SU"] }, retention: { maxBackups: 7 } },
        associations: [{ resource: `p${i}-servers`, serverIds: web.slice(2 * i, 2 * i + 2) }],
      })),
    };
  };

  before(async () => {
    cloud = await startTestCloud();
    stack = await scenarioStack(cloud, "overlapping-waits", spec());
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("sends all 32 policy POSTs while every policy is still creating; the associations write only once their policies are usable, with spaced shared looks", async () => {
    await admin(cloud, "POST", "/csbs/settings", { creatingSeconds: CREATING_SECONDS });
    await admin(cloud, "DELETE", "/requests");
    const up = stack.up();
    let finished = false;
    void up.then(() => (finished = true));
    // Watch the log: once every POST is in and an association is waiting, end `creating` for all at once.
    let posts = 0;
    let lastChange = Date.now();
    let stalled = false;
    let movedAt = -1;
    while (!finished) {
      const log = await requestLog(cloud);
      const now = matching(log, "POST", POLICIES, ok2xx).length;
      if (now !== posts) (posts = now), (lastChange = Date.now());
      const waiting = matching(log, "GET", ONE_POLICY).length > 0;
      if ((posts >= POLICY_COUNT && waiting) || Date.now() - lastChange > STALL_MS) {
        stalled = posts < POLICY_COUNT;
        movedAt = log.length;
        await admin(cloud, "POST", "/clock", { advanceSeconds: CREATING_SECONDS + 1 });
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const result = await up;
    await admin(cloud, "POST", "/csbs/settings", { creatingSeconds: 0 });
    assert.equal(result.code, 0, result.output.slice(-3000));
    assert.ok(movedAt >= 0 && !stalled, `only ${posts} of ${POLICY_COUNT} policy POSTs were sent while every policy was creating`);

    const log = await requestLog(cloud);
    const beforeMove = log.slice(0, movedAt);
    assert.equal(matching(beforeMove, "POST", POLICIES, ok2xx).length, POLICY_COUNT);
    // Nothing was written to a policy while it was creating: every PUT came after the clock moved.
    assert.deepEqual(matching(beforeMove, "PUT", ONE_POLICY), [], "no server list was written to a creating policy");
    assert.equal(matching(log, "PUT", ONE_POLICY, ok2xx).length, POLICY_COUNT, "one write per association");

    // Looks while waiting: each association's own read of its policy, plus the shared spaced looks (listings when
    // several wait). Bounded by one look per 250 ms of waiting on top of the reads: a loop per policy would make
    // hundreds; a look per waiter per round would make 8 per round.
    const waiting = beforeMove.filter((r) => r.method === "GET" && (ONE_POLICY.test(r.path) || POLICIES.test(r.path)));
    const firstRead = beforeMove.findIndex((r) => r.method === "GET" && ONE_POLICY.test(r.path));
    assert.ok(firstRead >= 0, "the associations read their policies while they were creating");
    const span = Date.parse(beforeMove[beforeMove.length - 1]!.time) - Date.parse(beforeMove[firstRead]!.time);
    const looks = waiting.filter((r) => beforeMove.indexOf(r) >= firstRead);
    const bound = POLICY_COUNT + Math.ceil(span / 250);
    assert.ok(looks.length <= bound, `${looks.length} looks in ${span} ms of waiting (bound ${bound}): ${listed(looks)}`);
  });
});

function listed(requests: readonly LoggedRequest[]): string {
  return requests.map((r) => `${r.method} ${r.path.replace(/^\/csbs\/v1\/[^/]+/, "")} ${r.time.slice(11, 23)}`).join(", ");
}
