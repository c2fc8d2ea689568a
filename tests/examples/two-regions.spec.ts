/**
 * examples/two-regions: Paris and Amsterdam in one stack through named profiles, deployed against the local
 * cloud's RegionOne (Paris: a profile that only picks region and project) and RegionTwo (Amsterdam: a profile that
 * names a clouds.yaml entry and keeps its password in the stack), each region's API read directly.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { demoStackConfig, REGION_ONE, REGION_TWO, seedServers, startTestCloud, type TestCloud } from "../support/cloud";
import { EngineStack } from "../support/engine";
import { setProfiles } from "../engine/profiles/profile-stack";
import { projectPolicies } from "../engine/profiles/project-policies";
import { pulumiCsbs } from "../sdk/cli/cli-run";
import { serverIds } from "./cloud-api";
import { exampleProgram, exampleProject, setConfig } from "./example-stack";

const DEMO = { user: "demo", password: "demo", project: "demo" };

describe("examples/two-regions", function () {
  this.timeout(600_000);
  let cloud: TestCloud;
  let stack: EngineStack;
  let dir: string;
  let paris: string[];
  let amsterdam: string[];

  before(async () => {
    cloud = await startTestCloud();
    paris = await serverIds(cloud, ["web-000", "web-001"]);
    amsterdam = (await seedServers(cloud, REGION_TWO, ["ams-000", "ams-001", "ams-002"])).map((s) => s.id);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-two-regions-"));
    const clouds = path.join(dir, "clouds.yaml");
    fs.writeFileSync(
      clouds,
      `clouds:\n  hw-ams:\n    region_name: ${REGION_TWO}\n    auth:\n      auth_url: ${cloud.authUrl}\n      username: demo\n      user_domain_name: Default\n      project_name: demo\n      project_domain_name: Default\n`,
    );
    const project = exampleProject("two-regions");
    stack = await EngineStack.create({ project, files: exampleProgram("two-regions"), env: { OS_CLIENT_CONFIG_FILE: clouds } });
    const { config, secrets } = demoStackConfig(cloud);
    await setConfig(stack, config, secrets);
    await setProfiles(stack, {
      paris: { plain: { region: REGION_ONE, projectName: "demo" } },
      amsterdam: { plain: { cloud: "hw-ams" }, secret: { password: "demo" } },
    });
    const servers = [...paris.map((id, i) => `${project}:parisServers[${i}]=${id}`), ...amsterdam.map((id, i) => `${project}:amsterdamServers[${i}]=${id}`)];
    await stack.cli(["config", "set-all", "--path", ...servers.flatMap((s) => ["--plaintext", s])], { check: true });
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("puts the Paris policy and its servers in RegionOne and the Amsterdam one in RegionTwo, and a second preview changes nothing", async () => {
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    const outputs = await stack.outputs();
    const one = await projectPolicies(cloud, DEMO, REGION_ONE);
    const two = await projectPolicies(cloud, DEMO, REGION_TWO);
    assert.deepEqual(one.map((p) => p.name), [outputs.parisPolicy]);
    assert.deepEqual(two.map((p) => p.name), [outputs.amsterdamPolicy]);
    assert.deepEqual(one[0].servers, [...paris].sort());
    assert.deepEqual(two[0].servers, [...amsterdam].sort());
    const again = await stack.preview(["--expect-no-changes"]);
    assert.equal(again.code, 0, again.output);
  });

  it("pulumi-csbs --profile amsterdam status lists the Amsterdam servers and their policy, read through the profile's clouds.yaml entry", async () => {
    const outputs = await stack.outputs();
    const env = Object.fromEntries(Object.entries(stack.env()).filter(([k]) => !k.startsWith("OS_") || k === "OS_CLIENT_CONFIG_FILE"));
    const r = await pulumiCsbs(["--profile", "amsterdam", "status", "--json"], env, stack.dir);
    assert.equal(r.code, 0, r.stderr);
    const rows = (JSON.parse(r.stdout) as Array<{ serverId: string; policyName: string | null }>).filter((row) => row.policyName);
    assert.deepEqual(rows.map((row) => [row.serverId, row.policyName]).sort(), amsterdam.map((id) => [id, outputs.amsterdamPolicy]).sort());
  });

  it("destroys both regions' policies", async () => {
    const down = await stack.destroy();
    assert.equal(down.code, 0, down.output);
    assert.deepEqual(await projectPolicies(cloud, DEMO, REGION_ONE), []);
    assert.deepEqual(await projectPolicies(cloud, DEMO, REGION_TWO), []);
  });
});
