/**
 * Issue 16, acceptance 3 across regions, through the real engine: a server id is a server of one project in one
 * region, so the same id claimed by a RegionOne policy and a RegionTwo policy is two servers, each protected in
 * its own region (read through each region's API); and a server that exists only in RegionTwo, listed under the
 * RegionOne profile, is not found in that profile's project and region.
 */
import * as assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { REGION_ONE, REGION_TWO, seedServers, type TestCloud } from "../support/cloud";
import type { EngineStack } from "../support/engine";
import { projectPolicies } from "./profiles/project-policies";
import { DEPLOYER, profilePolicy, regionsStack, startRegionsCloud } from "./profiles/two-region-profiles";
import { setProgram } from "./scenarios/program";

describe("profiles in two regions: a server id belongs to its region (through the engine)", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let stack: EngineStack | undefined;
  const twin = randomUUID();
  let amsOnly: string;

  before(async () => {
    cloud = await startRegionsCloud();
    // One id, a server in each region's demo project.
    await seedServers(cloud, REGION_ONE, [{ name: "twin-paris", id: twin }]);
    await seedServers(cloud, REGION_TWO, [{ name: "twin-ams", id: twin }]);
    amsOnly = (await seedServers(cloud, REGION_TWO, ["ams-only"]))[0]!.id;
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("protects the same server id in RegionOne and RegionTwo by a policy of each, each region's API showing its own", async () => {
    stack = await regionsStack(cloud, "twin-servers", [profilePolicy("paris-daily", "paris", [twin]), profilePolicy("ams-daily", "amsterdam", [twin])]);
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);

    const one = await projectPolicies(cloud, DEPLOYER, REGION_ONE);
    const two = await projectPolicies(cloud, DEPLOYER, REGION_TWO);
    assert.deepEqual(one.map((p) => [p.name.replace(/-[0-9a-f]{7}$/, ""), p.servers]), [["paris-daily", [twin]]]);
    assert.deepEqual(two.map((p) => [p.name.replace(/-[0-9a-f]{7}$/, ""), p.servers]), [["ams-daily", [twin]]]);

    const again = await stack.preview(["--expect-no-changes"]);
    assert.equal(again.code, 0, again.output);
  });

  it("fails the preview of a RegionTwo server listed under the RegionOne profile as not found there, naming the profile", async () => {
    assert.ok(stack, "the stack of the first test");
    setProgram(stack, { policies: [profilePolicy("paris-daily", "paris", [twin, amsOnly]), profilePolicy("ams-daily", "amsterdam", [twin])] });
    const preview = await stack.preview();
    assert.notEqual(preview.code, 0, preview.output);
    assert.match(preview.output, new RegExp(`is "${amsOnly}": no server with this id exists in project "demo" in region "RegionOne" \\(profile "paris"\\)`));
    assert.doesNotMatch(preview.output, new RegExp(`is "${twin}": no server`), "RegionOne's own server of that id is found");

    setProgram(stack, { policies: [profilePolicy("paris-daily", "paris", [twin]), profilePolicy("ams-daily", "amsterdam", [twin, amsOnly])] });
    const own = await stack.preview();
    assert.equal(own.code, 0, `the same server under its own region's profile passes:\n${own.output}`);

    const down = await stack.destroy();
    assert.equal(down.code, 0, down.output);
    assert.deepEqual(await projectPolicies(cloud, DEPLOYER, REGION_ONE), []);
    assert.deepEqual(await projectPolicies(cloud, DEPLOYER, REGION_TWO), []);
  });
});
