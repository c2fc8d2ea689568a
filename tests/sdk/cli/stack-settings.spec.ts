import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { demoStackConfig, REGION_ONE, REGION_TWO, type TestCloud } from "../../support/cloud";
import { EngineStack } from "../../support/engine";
import { setConfig } from "../../examples/example-stack";
import { setProfiles } from "../../engine/profiles/profile-stack";
import { createPolicy } from "../../localcloud/csbs/support/csbs-session";
import { lookupCloudPerTest } from "../lookup-cloud";
import { pulumiCsbs, type CliResult } from "./cli-run";
import { PROFILE_USER, REGION_ONE_POLICY, REGION_TWO_POLICY, twoRegionCloud } from "./two-region-cloud";

type Row = { serverName: string; policyName: string | null };

/** The [server, policy] pairs of `status --json`, protected servers only. */
function protectedRows(r: CliResult): Array<[string, string]> {
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as Row[]).filter((row) => row.policyName).map((row) => [row.serverName, row.policyName as string]);
}

/** The environment of the stack's Pulumi CLI without the test process's OS_* variables, plus `extra`. */
function stackEnv(stack: EngineStack, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(stack.env()).filter(([k]) => !k.startsWith("OS_"))), ...extra };
}

describe("pulumi-csbs --stack", function () {
  this.timeout(180_000);
  const ctx = lookupCloudPerTest();
  let stack: EngineStack | undefined;
  afterEach(() => stack?.dispose());

  it("reads the stack's csbs:* config (the password a secret) through the Pulumi CLI, with no OS_* variable set", async () => {
    await createPolicy(ctx.demo, { name: "nightly", servers: ["web-000"] });
    stack = await EngineStack.create({ project: "csbs-day2", files: { "index.js": "module.exports = {};\n" } });
    const { config, secrets } = demoStackConfig(ctx.cloud);
    await setConfig(stack, config, secrets);
    const env = Object.fromEntries(Object.entries(stack.env()).filter(([k]) => !k.startsWith("OS_")));
    const r = await pulumiCsbs(["--stack", stack.stack, "status", "--policy", "nightly", "--json"], env, stack.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).map((row: { serverName: string; policyName: string }) => [row.serverName, row.policyName]), [["web-000", "nightly"]]);
  });

  it("names the stack and the fix when the Pulumi CLI cannot read it", async () => {
    stack = await EngineStack.create({ project: "csbs-day2", files: { "index.js": "module.exports = {};\n" } });
    const r = await pulumiCsbs(["--stack", "no-such-stack", "status"], stack.env(), stack.dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--stack no-such-stack: `pulumi config --stack no-such-stack` failed: .*run the command in the Pulumi project's directory/s);
  });
});

describe("pulumi-csbs --profile", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let stack: EngineStack;
  const WRONG = "Pw-refused-3391";

  before(async () => {
    cloud = await twoRegionCloud();
    stack = await EngineStack.create({ project: "csbs-day2-profiles", files: { "index.js": "module.exports = {};\n" } });
    const { config, secrets } = demoStackConfig(cloud);
    await setConfig(stack, config, secrets);
    await setProfiles(stack, {
      two: { plain: { region: REGION_TWO } },
      sealed: { plain: { region: REGION_TWO, userName: PROFILE_USER.user }, secret: { password: PROFILE_USER.password } },
      refused: { plain: { userName: PROFILE_USER.user }, secret: { password: WRONG } },
      lab: { plain: { insecure: "maybe" }, secret: { password: PROFILE_USER.password } },
    });
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("status --profile shows the profile's region two policy and not region one's, from --stack or the current stack; without it the stack-wide region one's", async () => {
    const env = stackEnv(stack);
    const two = [[`ams-000`, REGION_TWO_POLICY]];
    assert.deepEqual(protectedRows(await pulumiCsbs(["--stack", stack.stack, "--profile", "two", "status", "--json"], env, stack.dir)), two);
    assert.deepEqual(protectedRows(await pulumiCsbs(["--profile", "two", "status", "--json"], env, stack.dir)), two);
    const table = await pulumiCsbs(["--profile", "two", "status"], env, stack.dir);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, new RegExp(`^ams-000 +ACTIVE +${REGION_TWO_POLICY} `, "m"));
    assert.doesNotMatch(table.stdout, new RegExp(`${REGION_ONE_POLICY}|^web-000`, "m"));
    assert.deepEqual(protectedRows(await pulumiCsbs(["--stack", stack.stack, "status", "--json"], env, stack.dir)), [["web-000", REGION_ONE_POLICY]]);
  });

  it("names the fix when --profile has no current stack to read", async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-no-project-"));
    try {
      const r = await pulumiCsbs(["--profile", "two", "status"], stackEnv(stack), elsewhere);
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, /--profile two \(the current stack's config\): `pulumi config` failed: .*run the command in the Pulumi project's directory with a stack selected \(`pulumi stack select`\) or named with --stack/s);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it("refuses an unknown profile, naming the stack's profiles", async () => {
    const r = await pulumiCsbs(["--profile", "berlin", "status"], stackEnv(stack), stack.dir);
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /profile "berlin" is not in the stack config \(its profiles are "lab", "refused", "sealed", "two"\)/);
  });

  it("never prints a password given only in a profile: not while it works, not when it is refused, not when another of the profile's values is wrong", async () => {
    const env = stackEnv(stack);
    const ok = await pulumiCsbs(["--profile", "sealed", "status", "--json"], env, stack.dir);
    assert.deepEqual(protectedRows(ok), [["ams-000", REGION_TWO_POLICY]]);
    const jobs = await pulumiCsbs(["--profile", "sealed", "jobs"], env, stack.dir);
    assert.equal(jobs.code, 0, jobs.stderr);
    const refused = await pulumiCsbs(["--profile", "refused", "backup-now", REGION_ONE_POLICY], env, stack.dir);
    assert.equal(refused.code, 1, refused.stdout);
    assert.match(refused.stderr, /Keystone did not accept user "ams-ops".*\(profile "refused": .*userName=ams-ops \(stack config csbs:profiles\.refused\.userName\).*password=\[secret\] \(stack config csbs:profiles\.refused\.password\)/);
    const lab = await pulumiCsbs(["--profile", "lab", "status"], env, stack.dir);
    assert.equal(lab.code, 1, lab.stdout);
    assert.match(lab.stderr, /insecure is "maybe" \(from stack config csbs:profiles\.lab\.insecure\)/);
    for (const r of [ok, jobs, refused, lab]) {
      for (const secret of [PROFILE_USER.password, WRONG]) assert.ok(!(r.stdout + r.stderr).includes(secret), `a profile's password was printed:\n${r.stdout}${r.stderr}`);
    }
  });

  it("reads @pulumi/openstack's openstack:* keys as the provider does: over OS_*, under a profile", async () => {
    const openstack = await EngineStack.create({ project: "csbs-day2-openstack", files: { "index.js": "module.exports = {};\n" } });
    try {
      await setConfig(
        openstack,
        { "openstack:authUrl": cloud.authUrl, "openstack:userName": "demo", "openstack:tenantName": "demo", "openstack:userDomainName": "Default", "openstack:projectDomainName": "Default", "openstack:region": REGION_TWO },
        { "openstack:password": "demo" },
      );
      await setProfiles(openstack, { one: { plain: { region: REGION_ONE } } });
      const env = stackEnv(openstack, { OS_REGION_NAME: REGION_ONE });
      assert.deepEqual(protectedRows(await pulumiCsbs(["--stack", openstack.stack, "status", "--json"], env, openstack.dir)), [["ams-000", REGION_TWO_POLICY]]);
      assert.deepEqual(protectedRows(await pulumiCsbs(["--stack", openstack.stack, "--profile", "one", "status", "--json"], env, openstack.dir)), [["web-000", REGION_ONE_POLICY]]);
    } finally {
      openstack.dispose();
    }
  });
});
