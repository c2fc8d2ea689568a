/**
 * Issue 16: a program that already configures @pulumi/openstack needs nothing more. Through the real engine, a
 * stack whose only settings are that package's documented stack-config keys (`openstack:*`, the password a
 * secret; no `csbs:*`, no `OS_*`, no clouds.yaml) deploys a policy and its association into the project and region
 * those keys name (read through that region's API), and the password reaches neither the state nor the output.
 */
import * as assert from "node:assert/strict";
import { defaultFixtures } from "../../localcloud/fixtures/default-fixtures";
import { REGION_ONE, REGION_TWO, seedServers, startTestCloud, type TestCloud } from "../support/cloud";
import { EngineStack } from "../support/engine";
import { documentedOpenstackKeys } from "../support/openstack-keys";
import { leaks } from "../reliability/secret-leak-checks";
import { projectPolicies, type ProjectLogin } from "./profiles/project-policies";
import { BASIC_SCHEDULE, changedSteps, configureStack, programFiles, type ProgramSpec } from "./scenarios/program";

// A password of its own: the engine blanks secret values out of its output, and the project names must stay visible.
const OS_USER: ProjectLogin = { user: "os-deployer", password: "Os-pw-8d41c7e2Unguessable", project: "other" };

describe("@pulumi/openstack's stack config as the only settings (through the engine)", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let stack: EngineStack | undefined;

  before(async () => {
    const fixtures = defaultFixtures();
    fixtures.projects.find((p) => p.name === "other")!.users!.push({ name: OS_USER.user, password: OS_USER.password, roles: ["member"] });
    cloud = await startTestCloud({ fixtures });
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("deploys into the project and region the openstack:* keys name, keeps the password out of state and output, and destroys", async () => {
    const [server] = await seedServers(cloud, REGION_TWO, ["os-web-0"], OS_USER.project);
    const plain = {
      "openstack:authUrl": cloud.authUrl,
      "openstack:userName": OS_USER.user,
      "openstack:userDomainName": "Default",
      "openstack:tenantName": OS_USER.project,
      "openstack:projectDomainName": "Default",
      "openstack:region": REGION_TWO,
      "openstack:endpointType": "public",
    };
    const secret = { "openstack:password": OS_USER.password };
    const documented = documentedOpenstackKeys();
    for (const key of Object.keys({ ...plain, ...secret })) assert.ok(documented.has(key.slice("openstack:".length)), `${key} is a key @pulumi/openstack documents`);

    const spec: ProgramSpec = {
      policies: [{ resource: "os-daily", args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 } }, associations: [{ resource: "os-web", serverIds: [server!.id] }] }],
    };
    stack = await EngineStack.create({ project: "openstack-config", files: programFiles(spec) });
    await configureStack(stack, plain, secret);
    const config = (await stack.cli(["config", "--json"], { check: true })).stdout;
    assert.doesNotMatch(config, /"csbs:/, "no csbs:* setting");

    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    const two = await projectPolicies(cloud, OS_USER, REGION_TWO);
    assert.deepEqual(two.map((p) => [p.name.replace(/-[0-9a-f]{7}$/, ""), p.servers]), [["os-daily", [server!.id]]]);
    assert.deepEqual(await projectPolicies(cloud, OS_USER, REGION_ONE), [], "nothing in the other region");
    assert.deepEqual(await projectPolicies(cloud, { user: "demo", password: "demo", project: "demo" }, REGION_TWO), [], "nothing in the other project");

    const again = await stack.previewJson(["--expect-no-changes"]);
    assert.equal(again.result.code, 0, again.result.output);
    assert.deepEqual(changedSteps(again), []);

    const exported = await stack.cli(["stack", "export"], { check: true });
    assert.deepEqual(leaks(`${stack.stateFileText()}\n${exported.stdout}`, [OS_USER.password]), [], "the state");
    assert.deepEqual(leaks(`${up.output}\n${again.result.output}`, [OS_USER.password]), [], "the engine's output");

    const down = await stack.destroy();
    assert.equal(down.code, 0, down.output);
    assert.deepEqual(await projectPolicies(cloud, OS_USER, REGION_TWO), []);
  });
});
