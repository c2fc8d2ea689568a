import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveSettings, type SettingsSources } from "../../../provider/config/resolve-settings";

/** The keys as @pulumi/openstack documents them (its README's "Configuration" list). */
const OPENSTACK = {
  "openstack:authUrl": "http://os-keystone/v3",
  "openstack:region": "RegionTwo",
  "openstack:userName": "os-user",
  "openstack:password": "os-pw",
  "openstack:tenantName": "os-project",
  "openstack:userDomainName": "OsUsers",
  "openstack:projectDomainName": "OsProjects",
  "openstack:cacertFile": "/etc/ssl/os-ca.pem",
  "openstack:endpointType": "internal",
};

describe("@pulumi/openstack stack config (openstack:*) as a settings source", () => {
  let dir: string;
  const sources = (config: Record<string, string>, s: Partial<SettingsSources> = {}): SettingsSources => ({
    config: (key) => config[key],
    env: {},
    cloudsYamlPaths: [join(dir, "clouds.yaml")],
    secureYamlPaths: [join(dir, "secure.yaml")],
    ...s,
  });

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "csbs-openstack-config-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a program's openstack:* keys alone, mapping tenantName, cacertFile and endpointType", () => {
    const s = resolveSettings(sources(OPENSTACK));
    assert.equal(s.authUrl, "http://os-keystone/v3");
    assert.equal(s.region, "RegionTwo");
    assert.equal(s.userName, "os-user");
    assert.equal(s.password, "os-pw");
    assert.equal(s.projectName, "os-project");
    assert.equal(s.userDomainName, "OsUsers");
    assert.equal(s.projectDomainName, "OsProjects");
    assert.equal(s.cacert, "/etc/ssl/os-ca.pem");
    assert.equal(s.interface, "internal");
    assert.equal(s.origins.projectName, "stack config openstack:tenantName");
  });

  it("maps tenantId, token, insecure and the application credential keys", () => {
    const token = resolveSettings(sources({ "openstack:authUrl": "http://k/v3", "openstack:token": "tok", "openstack:tenantId": "p-123", "openstack:insecure": "true" }));
    assert.equal(token.authMethod, "token");
    assert.equal(token.projectId, "p-123");
    assert.equal(token.insecure, true);
    const app = resolveSettings(sources({ "openstack:authUrl": "http://k/v3", "openstack:applicationCredentialId": "ac-1", "openstack:applicationCredentialSecret": "s3" }));
    assert.equal(app.authMethod, "application_credential");
    assert.equal(app.applicationCredentialId, "ac-1");
  });

  it("ranks after csbs:* and before OS_*, field by field", () => {
    const s = resolveSettings(
      sources({ ...OPENSTACK, "csbs:region": "RegionOne" }, { env: { OS_USERNAME: "env-user", OS_PROJECT_ID: "env-project", OS_AUTH_URL: "http://env/v3" } }),
    );
    assert.equal(s.region, "RegionOne");
    assert.equal(s.origins.region, "stack config csbs:region");
    assert.equal(s.userName, "os-user");
    assert.equal(s.authUrl, "http://os-keystone/v3");
    assert.equal(s.projectId, "env-project");
  });

  it("uses domainName as the fallback of both domains and defaultDomain as the fallback domain id", () => {
    const named = resolveSettings(sources({ "openstack:authUrl": "http://k/v3", "openstack:userName": "u", "openstack:password": "p", "openstack:tenantName": "t", "openstack:domainName": "Shared" }));
    assert.equal(named.userDomainName, "Shared");
    assert.equal(named.projectDomainName, "Shared");
    const byId = resolveSettings(sources({ "openstack:authUrl": "http://k/v3", "openstack:userName": "u", "openstack:password": "p", "openstack:tenantName": "t", "openstack:defaultDomain": "default" }));
    assert.equal(byId.userDomainId, "default");
    assert.equal(byId.projectDomainId, "default");
  });

  it("takes the data-protect entry of openstack:endpointOverrides as the endpoint", () => {
    const s = resolveSettings(sources({ ...OPENSTACK, "openstack:endpointOverrides": JSON.stringify({ compute: "http://nova/", "data-protect": "http://csbs/v1/{project_id}" }) }));
    assert.equal(s.endpoint, "http://csbs/v1/{project_id}");
    assert.equal(s.origins.endpoint, "stack config openstack:endpointOverrides");
  });

  it("reads the clouds.yaml entry openstack:cloud names", () => {
    writeFileSync(join(dir, "clouds.yaml"), "clouds:\n  lab:\n    auth:\n      auth_url: http://lab/v3\n      username: lab\n      password: lab\n      project_name: lab\n");
    const s = resolveSettings(sources({ "openstack:cloud": "lab" }));
    assert.equal(s.cloud, "lab");
    assert.equal(s.authUrl, "http://lab/v3");
    assert.match(s.origins.cloud ?? "", /openstack:cloud/);
  });

  it("lets a profile override openstack:* as well", () => {
    const s = resolveSettings(sources({ ...OPENSTACK, "csbs:profiles": JSON.stringify({ one: { region: "RegionOne" } }) }, { profile: "one" }));
    assert.equal(s.region, "RegionOne");
    assert.equal(s.userName, "os-user");
  });
});
