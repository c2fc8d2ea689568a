/**
 * Issue 16: several projects (and dialects) in one stack through named profiles, through the real engine: each
 * resource lands in its profile's project, the service's limits are counted per project, a server is looked up
 * in its profile's project only, and a profile's refused credentials fail the preview naming the profile and the
 * setting's source without touching the other profile's resources.
 */
import * as assert from "node:assert/strict";
import { defaultFixtures } from "../../localcloud/fixtures/default-fixtures";
import { startTestCloud, type TestCloud } from "../support/cloud";
import type { EngineStack } from "../support/engine";
import { profileStack, setProfiles, type ProfileDecl } from "./profiles/profile-stack";
import { projectPolicies, type ProjectLogin } from "./profiles/project-policies";
import { BASIC_SCHEDULE, changedSteps, setProgram, webServers, type PolicyDecl } from "./scenarios/program";

// Passwords of their own: the engine blanks secret values out of its output, and "demo" is also a project name.
const DEMO: ProjectLogin = { user: "deployer", password: "Dp-demo-4471", project: "demo" };
const OTHER: ProjectLogin = { user: "ams-deployer", password: "Dp-other-9132", project: "other" };
const LAB: ProjectLogin = { user: "lab", password: "Dp-lab-2290", project: "lab" };

/** paris: the demo project (stack-wide login); amsterdam: the other project with its own user; lab: a Karbor project. */
const PROFILES: Record<string, ProfileDecl> = {
  paris: { plain: { projectName: "demo" } },
  amsterdam: { plain: { userName: OTHER.user, projectName: "other" }, secret: { password: OTHER.password } },
  lab: { plain: { userName: LAB.user, projectName: "lab", api: "karbor" }, secret: { password: LAB.password } },
};

const RETAIN = { maxBackups: 7 };

function policy(resource: string, profile: string | undefined, servers: string[] = [], extra: Record<string, unknown> = {}): PolicyDecl {
  return {
    resource,
    args: { schedule: BASIC_SCHEDULE, retention: RETAIN, ...(profile ? { profile } : {}), ...extra },
    associations: servers.length > 0 ? [{ resource: `${resource}-servers`, serverIds: servers }] : [],
  };
}

describe("profiles: several projects and dialects in one stack (through the engine)", function () {
  this.timeout(900_000);
  let cloud: TestCloud;
  const stacks: EngineStack[] = [];

  before(async () => {
    const fixtures = defaultFixtures();
    fixtures.projects.find((p) => p.name === "demo")!.users!.push({ name: DEMO.user, password: DEMO.password, roles: ["member"] });
    const other = fixtures.projects.find((p) => p.name === "other")!;
    other.users!.push({ name: OTHER.user, password: OTHER.password, roles: ["member"] });
    other.servers = Array.from({ length: 4 }, (_, i) => ({ name: `ams-${i}`, status: "ACTIVE" as const }));
    fixtures.projects.push({
      name: "lab",
      api: "karbor",
      users: [{ name: LAB.user, password: LAB.password, roles: ["member"] }],
      servers: Array.from({ length: 2 }, (_, i) => ({ name: `lab-${i}`, status: "ACTIVE" as const })),
    });
    cloud = await startTestCloud({ fixtures });
  });
  after(async () => {
    for (const s of stacks) s.dispose();
    await cloud?.close();
  });

  function idsOf(project: string, ...names: string[]): string[] {
    const p = cloud.fixtures.projects.find((x) => x.name === project)!;
    return names.map((n) => p.servers.find((s) => s.name === n)!.id);
  }

  async function stackOf(name: string, policies: PolicyDecl[], profiles = PROFILES): Promise<EngineStack> {
    const stack = await profileStack(cloud, name, { policies }, profiles, DEMO);
    stacks.push(stack);
    return stack;
  }

  it("puts each profile's policies and associations in its own project (CSBS and Karbor side by side), previews no changes after, and destroys all", async () => {
    const web = webServers(cloud, 2);
    const ams = idsOf("other", "ams-0", "ams-1");
    const lab = idsOf("lab", "lab-0");
    const stack = await stackOf("three-projects", [
      policy("paris-daily", "paris", web),
      policy("ams-daily", "amsterdam", ams),
      policy("lab-daily", "lab", lab),
      policy("stack-wide", undefined, webServers(cloud, 1, 10)),
    ]);
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);

    const names = (list: { name: string }[]) => list.map((p) => p.name.replace(/-[0-9a-f]{7}$/, "")).sort();
    const demo = await projectPolicies(cloud, DEMO);
    const other = await projectPolicies(cloud, OTHER);
    const karbor = await projectPolicies(cloud, LAB);
    assert.deepEqual(names(demo), ["paris-daily", "stack-wide"]);
    assert.deepEqual(names(other), ["ams-daily"]);
    assert.deepEqual(names(karbor), ["lab-daily"]);
    assert.deepEqual(other[0].servers, [...ams].sort());
    assert.deepEqual(karbor[0].servers, lab);
    assert.deepEqual(demo.find((p) => p.name.startsWith("paris-daily"))!.servers, [...web].sort());

    const again = await stack.previewJson(["--expect-no-changes"]);
    assert.equal(again.result.code, 0, again.result.output);
    assert.deepEqual(changedSteps(again), []);

    const state = await stack.exportState();
    const amsPolicy = (state.deployment.resources ?? []).find((r) => r.urn.endsWith("::ams-daily"))!;
    assert.equal(amsPolicy.inputs?.profile, "amsterdam", "state keeps the profile's name");
    const amsAssociation = (state.deployment.resources ?? []).find((r) => r.urn.endsWith("::ams-daily-servers"))!;
    assert.equal(amsAssociation.outputs?.profile, "amsterdam", "the association took its policy's profile");

    const down = await stack.destroy();
    assert.equal(down.code, 0, down.output);
    assert.deepEqual(await projectPolicies(cloud, DEMO), []);
    assert.deepEqual(await projectPolicies(cloud, OTHER), []);
    assert.deepEqual(await projectPolicies(cloud, LAB), []);
  });

  it("counts the 32-policy quota per project: 32 in one profile's project and a 33rd in another's pass, a 33rd in the first fails naming profile and project", async () => {
    const paris = Array.from({ length: 32 }, (_, i) => policy(`p${i}`, "paris"));
    const stack = await stackOf("quota-per-project", [...paris, policy("ams-33", "amsterdam")]);
    const fits = await stack.preview();
    assert.equal(fits.code, 0, fits.output);

    setProgram(stack, { policies: [...paris, policy("ams-33", "amsterdam"), policy("paris-33", "paris")] });
    const over = await stack.preview();
    assert.notEqual(over.code, 0, over.output);
    assert.match(over.output, /would exceed the policy quota of project "demo" in region "RegionOne" \(profile "paris"\)/);
    assert.match(over.output, /this deployment adds 33/);
    assert.doesNotMatch(over.output, /ams-33`/, "the other project's policy is not counted");
    assert.deepEqual(await projectPolicies(cloud, DEMO), []);
  });

  it("looks a server up in its profile's project only, refuses an undefined profile and an association whose profile is not its policy's", async () => {
    const stack = await stackOf("server-per-project", [policy("paris-daily", "paris", idsOf("other", "ams-2"))]);
    const foreign = await stack.preview();
    assert.notEqual(foreign.code, 0, foreign.output);
    assert.match(foreign.output, /no server with this id exists in project "demo" in region "RegionOne" \(profile "paris"\)/);

    setProgram(stack, { policies: [policy("ams-daily", "amsterdam", idsOf("other", "ams-2"))] });
    const own = await stack.preview();
    assert.equal(own.code, 0, own.output);

    setProgram(stack, { policies: [policy("berlin-daily", "berlin")] });
    const undefinedProfile = await stack.preview();
    assert.notEqual(undefinedProfile.code, 0, undefinedProfile.output);
    assert.match(undefinedProfile.output, /`profile` is "berlin": profile "berlin" is not in the stack config \(its profiles are "amsterdam", "lab", "paris"\)/);

    setProgram(stack, { policies: [{ ...policy("paris-daily", "paris"), associations: [{ resource: "mixed", serverIds: webServers(cloud, 1), profile: "amsterdam" }] }] });
    const mixed = await stack.preview();
    assert.notEqual(mixed.code, 0, mixed.output);
    assert.match(mixed.output, /`profile` is "amsterdam", but its policy is in profile "paris"/);
  });

  it("fails the preview of a profile whose password is refused, naming the profile and the password's source, and leaves the other profile's policies alone", async () => {
    const stack = await stackOf("wrong-password", [policy("paris-daily", "paris", webServers(cloud, 1, 20)), policy("ams-daily", "amsterdam", idsOf("other", "ams-3"))]);
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    const before = { demo: await projectPolicies(cloud, DEMO), other: await projectPolicies(cloud, OTHER) };

    const WRONG = "Wr0ng-amsterdam-pw-7Q";
    await setProfiles(stack, { amsterdam: { secret: { password: WRONG } } });
    setProgram(stack, { policies: [policy("paris-daily", "paris", webServers(cloud, 1, 20), { description: "changed" }), policy("ams-daily", "amsterdam", idsOf("other", "ams-3"))] });
    const preview = await stack.preview();
    assert.notEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /Keystone refused/);
    assert.match(preview.output, /profile "amsterdam": [^\n]*password=\[secret\] \(stack config csbs:profiles\.amsterdam\.password\)/);
    assert.doesNotMatch(preview.output, new RegExp(WRONG));
    assert.deepEqual({ demo: await projectPolicies(cloud, DEMO), other: await projectPolicies(cloud, OTHER) }, before);

    await setProfiles(stack, { amsterdam: { secret: { password: OTHER.password } } });
    const down = await stack.destroy();
    assert.equal(down.code, 0, down.output);
    assert.deepEqual(await projectPolicies(cloud, OTHER), []);
  });

  it("refuses a profile's password kept in plain stack config, naming its path and the --secret --path command", async () => {
    const stack = await stackOf("plain-profile-password", [policy("ams-daily", "amsterdam")], {
      amsterdam: { plain: { userName: OTHER.user, projectName: "other", password: OTHER.password } },
    });
    const preview = await stack.preview();
    assert.notEqual(preview.code, 0, preview.output);
    assert.match(preview.output, /csbs:profiles\.amsterdam\.password is set in plain stack config[^\n]*`pulumi config set --secret --path 'csbs:profiles\.amsterdam\.password'`/);
    assert.deepEqual(await projectPolicies(cloud, OTHER), []);
  });
});
