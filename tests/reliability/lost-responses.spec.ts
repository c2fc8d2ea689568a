/**
 * Issue 6 §2: the cloud applies a create or an update and then drops the connection instead of answering. The
 * provider must find the policy it created instead of creating a second one, and repeat the (idempotent) PUT
 * of a server list. One `up` (one policy with one association, then a changed description) covers both.
 */
import * as assert from "node:assert/strict";
import { admin, type TestCloud } from "../support/cloud";
import { CsbsDirect, scenarioStack, setProgram, startTestCloud, webServers, type EngineStack, type ProgramSpec } from "../engine/provider/scenario-support";
import { assertCloudMatchesDeclaration, matching, ok2xx, ONE_POLICY, POLICIES, requestLog } from "./reliability-support";

describe("lost responses (issue 6 §2)", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let stack: EngineStack;
  let api: CsbsDirect;
  const spec = (description: string): ProgramSpec => ({
    policies: [
      {
        resource: "lost",
        args: { name: "lost-answer", description, schedule: { times: ["02:00"] }, retention: { maxBackups: 7 } },
        associations: [{ resource: "lost-servers", serverIds: webServers(cloud, 4) }],
      },
    ],
  });

  before(async () => {
    cloud = await startTestCloud();
    api = await CsbsDirect.login(cloud);
    stack = await scenarioStack(cloud, "lost-responses", spec("first"));
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("finds the policy whose create answer was lost instead of creating a second one, and repeats the lost PUT", async () => {
    await admin(cloud, "DELETE", "/requests");
    await admin(cloud, "POST", "/faults", {
      rules: [
        { method: "POST", path: "/csbs/v1/[^/]+/policies$", dropResponse: true, count: 1 },
        { method: "PUT", path: "/csbs/v1/[^/]+/policies/[^/]+$", dropResponse: true, count: 1 },
      ],
    });
    const up = await stack.up();
    assert.equal(up.code, 0, up.output.slice(-3000));
    const log = await requestLog(cloud);

    const posts = matching(log, "POST", POLICIES);
    assert.deepEqual(posts.map((r) => [r.status, r.faulted ?? ""]), [[0, "dropResponse"]], "one POST, applied, its answer dropped, never sent again");
    const policies = (await api.policies()).filter((p) => p.name === "lost-answer");
    assert.equal(policies.length, 1, "exactly one policy of that name");

    const puts = matching(log, "PUT", ONE_POLICY);
    assert.equal(puts[0]?.faulted, "dropResponse", "the first PUT's answer was dropped");
    assert.ok(puts.slice(1).some((r) => ok2xx(r.status)), "the PUT was repeated and answered");
    await assertCloudMatchesDeclaration(stack, api, spec("first"));
  });

  it("applies an update whose answer was lost exactly as declared", async () => {
    await admin(cloud, "DELETE", "/requests");
    await admin(cloud, "POST", "/faults", { rules: [{ method: "PUT", path: "/csbs/v1/[^/]+/policies/[^/]+$", dropResponse: true, count: 1 }] });
    setProgram(stack, spec("second"));
    const up = await stack.up();
    assert.equal(up.code, 0, up.output.slice(-3000));
    const log = await requestLog(cloud);
    await admin(cloud, "DELETE", "/faults");

    const puts = matching(log, "PUT", ONE_POLICY);
    assert.equal(puts[0]?.faulted, "dropResponse");
    assert.ok(puts.length >= 2 && ok2xx(puts[puts.length - 1]!.status), `the PUT was repeated: ${JSON.stringify(puts)}`);
    assert.equal(matching(log, "POST", POLICIES).length, 0, "an update never creates");
    const [policy] = await api.policies();
    assert.equal(policy?.description, "second");
    await assertCloudMatchesDeclaration(stack, api, spec("second"));
  });
});
