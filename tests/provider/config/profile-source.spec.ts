import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeSettings } from "../../../provider/config/describe-settings";
import { MissingSettingsError } from "../../../provider/config/missing-settings-error";
import { ProfileConfigError, readProfiles } from "../../../provider/config/profile-source";
import { resolveSettings, type SettingsSources } from "../../../provider/config/resolve-settings";

const STACK_WIDE = {
  "csbs:authUrl": "http://keystone/v3",
  "csbs:userName": "demo",
  "csbs:password": "stack-wide-pw",
  "csbs:projectName": "demo",
  "csbs:region": "eu-west-0",
};

function config(values: Record<string, string>, profiles?: unknown): (key: string) => string | undefined {
  const all: Record<string, string> = { ...values, ...(profiles !== undefined ? { "csbs:profiles": JSON.stringify(profiles) } : {}) };
  return (key) => all[key];
}

describe("profiles (csbs:profiles.<name>.*)", () => {
  let dir: string;
  let clouds: string;
  const sources = (s: Partial<SettingsSources>): SettingsSources => ({ config: () => undefined, env: {}, cloudsYamlPaths: [clouds], secureYamlPaths: [join(dir, "secure.yaml")], ...s });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "csbs-profiles-"));
    clouds = join(dir, "clouds.yaml");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("layers a profile over the stack-wide settings field by field, naming the profile's key as the origin", () => {
    const s = resolveSettings(sources({ config: config(STACK_WIDE, { ams: { region: "eu-nl", projectName: "ams-project" } }), profile: "ams" }));
    assert.equal(s.region, "eu-nl");
    assert.equal(s.projectName, "ams-project");
    assert.equal(s.userName, "demo");
    assert.equal(s.password, "stack-wide-pw");
    assert.equal(s.profile, "ams");
    assert.equal(s.origins.region, "stack config csbs:profiles.ams.region");
    assert.equal(s.origins.password, "stack config csbs:password");
  });

  it("resolves the stack-wide settings unchanged when no profile is asked for, even with profiles defined", () => {
    const s = resolveSettings(sources({ config: config(STACK_WIDE, { ams: { region: "eu-nl" } }) }));
    assert.equal(s.region, "eu-west-0");
    assert.equal(s.profile, undefined);
  });

  it("takes a profile's password over the stack-wide one and describes it as a secret with its source", () => {
    const s = resolveSettings(sources({ config: config(STACK_WIDE, { ams: { password: "profile-only-pw" } }), profile: "ams" }));
    assert.equal(s.password, "profile-only-pw");
    const text = describeSettings(s);
    assert.match(text, /^profile=ams$/m);
    assert.match(text, /^password=\[secret\] \(stack config csbs:profiles\.ams\.password\)$/m);
    assert.doesNotMatch(text, /profile-only-pw/);
  });

  it("reads the clouds.yaml entry a profile names right after the profile, above the stack-wide settings", () => {
    writeFileSync(clouds, "clouds:\n  hw-ams:\n    region_name: eu-nl\n    auth:\n      auth_url: http://ams-keystone/v3\n      username: ams-user\n      password: ams-pw\n      project_name: ams\n");
    const s = resolveSettings(sources({ config: config(STACK_WIDE, { amsterdam: { cloud: "hw-ams" } }), profile: "amsterdam", env: { OS_REGION_NAME: "from-env" } }));
    assert.equal(s.authUrl, "http://ams-keystone/v3");
    assert.equal(s.region, "eu-nl");
    assert.equal(s.userName, "ams-user");
    assert.equal(s.password, "ams-pw");
    assert.match(s.origins.region ?? "", /cloud "hw-ams" region_name$/);
  });

  it("fails naming the profile and every way to set what it lacks", () => {
    assert.throws(
      () => resolveSettings(sources({ config: config({}, { paris: { region: "eu-west-0" } }), profile: "paris" })),
      (err: Error) => {
        assert.ok(err instanceof MissingSettingsError);
        assert.match(err.message, /authentication of profile "paris"/);
        assert.match(err.message, /authUrl: set stack config csbs:profiles\.paris\.authUrl, stack config csbs:authUrl, stack config openstack:authUrl, env OS_AUTH_URL/);
        return true;
      },
    );
  });

  it("refuses a profile that is not defined, listing the ones that are", () => {
    assert.throws(
      () => resolveSettings(sources({ config: config(STACK_WIDE, { paris: {}, ams: {} }), profile: "berlin" })),
      (err: Error) => err instanceof ProfileConfigError && /profile "berlin" is not in the stack config \(its profiles are "ams", "paris"\)/.test(err.message),
    );
    assert.throws(() => resolveSettings(sources({ config: config(STACK_WIDE), profile: "paris" })), /it defines no profiles/);
  });

  it("refuses a setting a profile cannot have, naming its path and the settings there are", () => {
    assert.throws(() => readProfiles(config({}, { paris: { regoin: "eu-west-0" } })), /csbs:profiles\.paris\.regoin is not a setting: a profile may set cloud, authUrl, region/);
    assert.throws(() => readProfiles(config({}, { paris: "eu-west-0" })), /csbs:profiles\.paris is not an object of settings/);
    assert.throws(() => readProfiles(config({}, { "par.is": {} })), /a profile name is 1 to 64 letters/);
  });

  it("never quotes the profiles' text when it is not JSON (it may hold a password)", () => {
    assert.throws(
      () => readProfiles((key) => (key === "csbs:profiles" ? "password=hunter2-secret" : undefined)),
      (err: Error) => err instanceof ProfileConfigError && !err.message.includes("hunter2"),
    );
  });

  it("reads numbers and booleans of a profile as the stack-wide text would be (insecure, api)", () => {
    const s = resolveSettings(sources({ config: config(STACK_WIDE, { lab: { insecure: true, api: "karbor" } }), profile: "lab" }));
    assert.equal(s.insecure, true);
    assert.equal(s.api, "karbor");
    assert.equal(s.origins.insecure, "stack config csbs:profiles.lab.insecure");
  });

  it("chooses the authentication method from the profile first: a profile's token wins over a stack-wide password", () => {
    const s = resolveSettings(sources({ config: config(STACK_WIDE, { ci: { token: "tok" } }), profile: "ci" }));
    assert.equal(s.authMethod, "token");
  });
});
