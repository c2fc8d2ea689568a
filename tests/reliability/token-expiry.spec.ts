/**
 * Issue 6 §4: the token dies in the middle of a deployment (revoked through the admin API while association
 * writes are in flight). The provider re-authenticates exactly once, shared by every request that got the
 * 401, and no resource fails.
 */
import * as assert from "node:assert/strict";
import { admin, type TestCloud } from "../support/cloud";
import { CsbsDirect, scenarioStack, startTestCloud, webServers, type EngineStack } from "../engine/provider/scenario-support";
import { assertCloudMatchesDeclaration, fleetSpec, matching, ok2xx, POLICIES, requestLog, TOKENS, until } from "./reliability-support";

describe("token expiry in the middle of a deployment (issue 6 §4)", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let stack: EngineStack;
  const spec = () => fleetSpec("expiry", 4, 4, webServers(cloud, 16));

  before(async () => {
    cloud = await startTestCloud();
    stack = await scenarioStack(cloud, "token-expiry", spec());
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("re-authenticates once when the token is revoked mid-deployment, and every resource is created", async () => {
    await admin(cloud, "DELETE", "/requests");
    // Server-list writes take a while, so the revocation lands while the deployment is still talking to CSBS.
    await admin(cloud, "POST", "/faults", { rules: [{ method: "PUT", path: "/csbs/v1/[^/]+/policies/[^/]+$", latencyMs: 1500 }] });
    const running = stack.up();
    await until("the first policy to be created", async () => matching(await requestLog(cloud), "POST", POLICIES, ok2xx).length > 0);
    const revokedAt = (await requestLog(cloud)).length;
    const revoked = await admin<{ revoked: number }>(cloud, "POST", "/tokens/revoke", { user: "demo" });
    const up = await running;
    await admin(cloud, "DELETE", "/faults");
    assert.equal(up.code, 0, up.output.slice(-3000));
    assert.ok(revoked.revoked >= 1, "the provider's token was revoked");

    const log = await requestLog(cloud);
    const after = log.slice(revokedAt);
    assert.ok(after.some((r) => r.status === 401), "requests after the revocation were refused with 401");
    const issued = matching(log, "POST", TOKENS, ok2xx);
    assert.equal(issued.length, 2, `token requests: ${issued.length} (one at start, exactly one re-authentication)`);
    assert.ok(after.filter((r) => r.status !== 401 && r.service === "csbs").every((r) => ok2xx(r.status)), "every CSBS request after the re-authentication succeeded");

    // The test's own token was revoked with the provider's: log in again to look at the cloud.
    await assertCloudMatchesDeclaration(stack, await CsbsDirect.login(cloud), spec());
  });
});
