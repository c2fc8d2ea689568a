import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveSettings, type SettingsSources } from "../../../provider/config/resolve-settings";

const noConfig = (): undefined => undefined;
const config = (values: Record<string, string>) => (key: string) => values[key];

describe("resolveSettings", () => {
  let dir: string;
  let clouds: string;
  let secure: string;
  const sources = (s: Partial<SettingsSources>): SettingsSources => ({ config: noConfig, env: {}, cloudsYamlPaths: [clouds], secureYamlPaths: [secure], ...s });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "csbs-config-"));
    clouds = join(dir, "clouds.yaml");
    secure = join(dir, "secure.yaml");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads password authentication from OS_* variables, defaulting the domains to Default", () => {
    const s = resolveSettings(sources({ env: { OS_AUTH_URL: "http://k/v3", OS_USERNAME: "demo", OS_PASSWORD: "pw", OS_PROJECT_NAME: "demo" } }));
    assert.equal(s.authMethod, "password");
    assert.equal(s.userDomainName, "Default");
    assert.equal(s.projectDomainName, "Default");
    assert.equal(s.api, "csbs");
    assert.equal(s.insecure, false);
    assert.equal(s.origins.authUrl, "OS_AUTH_URL");
  });

  it("lets stack config win over the environment, field by field", () => {
    const s = resolveSettings(
      sources({
        config: config({ "csbs:authUrl": "http://from-config/v3", "csbs:api": "karbor" }),
        env: { OS_AUTH_URL: "http://from-env/v3", OS_USERNAME: "demo", OS_PASSWORD: "pw", OS_PROJECT_ID: "p1", OS_REGION_NAME: "RegionTwo" },
      }),
    );
    assert.equal(s.authUrl, "http://from-config/v3");
    assert.equal(s.origins.authUrl, "stack config csbs:authUrl");
    assert.equal(s.region, "RegionTwo");
    assert.equal(s.api, "karbor");
  });

  it("reads the cloud named by OS_CLOUD from clouds.yaml, with secure.yaml merged over it, below env and config", () => {
    writeFileSync(
      clouds,
      "clouds:\n  lab:\n    region_name: RegionOne\n    verify: false\n    auth:\n      auth_url: http://lab/identity\n      username: demo\n      project_name: demo\n      user_domain_name: LabDomain\n  other:\n    auth: {}\n",
    );
    writeFileSync(secure, "clouds:\n  lab:\n    auth:\n      password: from-secure\n");
    const s = resolveSettings(sources({ env: { OS_CLOUD: "lab", OS_REGION_NAME: "RegionEnv" } }));
    assert.equal(s.cloud, "lab");
    assert.equal(s.authUrl, "http://lab/identity");
    assert.equal(s.password, "from-secure");
    assert.equal(s.userDomainName, "LabDomain");
    assert.equal(s.projectDomainName, "LabDomain");
    assert.equal(s.region, "RegionEnv");
    assert.equal(s.insecure, true);
    assert.match(s.origins.password ?? "", /secure\.yaml\) cloud "lab" auth\.password$/);
  });

  it("prefers csbs:cloud over OS_CLOUD", () => {
    writeFileSync(clouds, "clouds:\n  a:\n    auth: {auth_url: http://a, token: ta, project_id: p}\n  b:\n    auth: {auth_url: http://b, token: tb, project_id: p}\n");
    const s = resolveSettings(sources({ config: config({ "csbs:cloud": "b" }), env: { OS_CLOUD: "a" } }));
    assert.equal(s.authUrl, "http://b");
    assert.equal(s.authMethod, "token");
  });

  it("uses the first clouds.yaml that exists, as openstacksdk does", () => {
    const second = join(dir, "second.yaml");
    writeFileSync(second, "clouds:\n  x:\n    auth: {auth_url: http://second, token: t, project_id: p}\n");
    const s = resolveSettings(sources({ env: { OS_CLOUD: "x" }, cloudsYamlPaths: [join(dir, "absent.yaml"), second] }));
    assert.equal(s.authUrl, "http://second");
  });

  it("says which clouds exist when the named cloud is not in clouds.yaml", () => {
    writeFileSync(clouds, "clouds:\n  lab: {}\n  prod: {}\n");
    assert.throws(() => resolveSettings(sources({ env: { OS_CLOUD: "staging" } })), /cloud "staging" \(from OS_CLOUD\) is not in .*clouds\.yaml \(clouds there: lab, prod\)/);
  });

  it("says where it looked when no clouds.yaml exists", () => {
    assert.throws(() => resolveSettings(sources({ env: { OS_CLOUD: "lab" } })), /needs a clouds\.yaml, but none was found: looked in .*clouds\.yaml/);
  });

  it("never quotes a secure.yaml line in a YAML syntax error", () => {
    writeFileSync(clouds, "clouds:\n  lab: {}\n");
    writeFileSync(secure, "clouds:\n  lab:\n    auth:\n      password: [unclosed-hunter22\n");
    assert.throws(() => resolveSettings(sources({ env: { OS_CLOUD: "lab" } })), (err: Error) => {
      assert.match(err.message, /secure\.yaml is not valid YAML/);
      assert.doesNotMatch(err.message, /hunter22/);
      return true;
    });
  });

  it("lists everything missing and every way to set it in one error, without secret values", () => {
    assert.throws(() => resolveSettings(sources({ env: { OS_PASSWORD: "hunter22" } })), (err: Error) => {
      assert.match(err.message, /^missing OpenStack settings for password authentication:/);
      assert.match(err.message, /authUrl: set stack config csbs:authUrl, stack config openstack:authUrl, env OS_AUTH_URL, auth\.auth_url in clouds\.yaml/);
      assert.match(err.message, /userName or userId: set stack config csbs:userName, stack config openstack:userName, env OS_USERNAME/);
      assert.match(err.message, /projectId or projectName/);
      assert.doesNotMatch(err.message, /hunter22/);
      return true;
    });
  });

  it("chooses application-credential authentication, which needs no project", () => {
    const s = resolveSettings(sources({ env: { OS_AUTH_URL: "http://k", OS_APPLICATION_CREDENTIAL_ID: "ac", OS_APPLICATION_CREDENTIAL_SECRET: "s" } }));
    assert.equal(s.authMethod, "application_credential");
  });

  it("takes the auth method from the highest source, so a stray OS_TOKEN does not override a configured password", () => {
    const s = resolveSettings(sources({ config: config({ "csbs:password": "pw", "csbs:userName": "demo" }), env: { OS_TOKEN: "stray", OS_AUTH_URL: "http://k", OS_PROJECT_ID: "p" } }));
    assert.equal(s.authMethod, "password");
  });

  it("accepts OS_AUTH_TOKEN and OS_TENANT_NAME as the older spellings", () => {
    const s = resolveSettings(sources({ env: { OS_AUTH_URL: "http://k", OS_AUTH_TOKEN: "t", OS_TENANT_NAME: "demo" } }));
    assert.equal(s.token, "t");
    assert.equal(s.projectName, "demo");
  });

  it("rejects an insecure value that is not a boolean, naming the value and its source", () => {
    assert.throws(
      () => resolveSettings(sources({ config: config({ "csbs:insecure": "maybe" }), env: { OS_AUTH_URL: "http://k", OS_TOKEN: "t", OS_PROJECT_ID: "p" } })),
      /insecure is "maybe" \(from stack config csbs:insecure\): it must be true or false/,
    );
  });

  it("rejects an unknown api dialect", () => {
    assert.throws(() => resolveSettings(sources({ config: config({ "csbs:api": "cbr" }), env: { OS_AUTH_URL: "http://k", OS_TOKEN: "t", OS_PROJECT_ID: "p" } })), /api is "cbr".*"csbs" \(the default\) or "karbor"/);
  });

  it("reads OS_CACERT and OS_INSECURE", () => {
    const s = resolveSettings(sources({ env: { OS_AUTH_URL: "http://k", OS_TOKEN: "t", OS_PROJECT_ID: "p", OS_CACERT: "/ca.pem", OS_INSECURE: "1" } }));
    assert.equal(s.cacert, "/ca.pem");
    assert.equal(s.insecure, true);
  });
});
