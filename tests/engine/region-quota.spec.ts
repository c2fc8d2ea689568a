/**
 * Issue 16, acceptance 2 across regions, through the real engine: the 32-policy quota is counted per project AND
 * region, so 32 policies of the demo project in RegionOne and a 33rd of the same project in RegionTwo pass the
 * preview, and a 33rd in RegionOne fails it naming the profile, the project and the region.
 */
import * as assert from "node:assert/strict";
import { REGION_ONE, REGION_TWO, type TestCloud } from "../support/cloud";
import type { EngineStack } from "../support/engine";
import { projectPolicies } from "./profiles/project-policies";
import { DEPLOYER, profilePolicy, regionsStack, startRegionsCloud } from "./profiles/two-region-profiles";
import { setProgram } from "./scenarios/program";

describe("profiles in two regions: the policy quota per region (through the engine)", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let stack: EngineStack | undefined;

  before(async () => {
    cloud = await startRegionsCloud();
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("passes 32 policies in RegionOne and a 33rd of the same project in RegionTwo, and fails a 33rd in RegionOne naming profile, project and region", async () => {
    const paris = Array.from({ length: 32 }, (_, i) => profilePolicy(`paris-${i}`, "paris"));
    const amsterdam = profilePolicy("ams-33", "amsterdam");
    stack = await regionsStack(cloud, "quota-per-region", [...paris, amsterdam]);
    const fits = await stack.preview();
    assert.equal(fits.code, 0, fits.output);
    assert.doesNotMatch(fits.output, /policy quota/);

    setProgram(stack, { policies: [...paris, amsterdam, profilePolicy("paris-33", "paris")] });
    const over = await stack.preview();
    assert.notEqual(over.code, 0, over.output);
    assert.match(over.output, /would exceed the policy quota of project "demo" in region "RegionOne" \(profile "paris"\)/);
    assert.match(over.output, /this deployment adds 33/);
    assert.doesNotMatch(over.output, /in region "RegionTwo"/, "RegionTwo's policy is not counted against RegionOne's quota");

    assert.deepEqual(await projectPolicies(cloud, DEPLOYER, REGION_ONE), [], "a preview creates nothing in RegionOne");
    assert.deepEqual(await projectPolicies(cloud, DEPLOYER, REGION_TWO), [], "a preview creates nothing in RegionTwo");
  });
});
