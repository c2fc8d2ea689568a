import * as assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cloudsYamlCandidates, cloudsYamlLayer, secureYamlCandidates } from "../../../provider/config/clouds-yaml";

describe("the clouds.yaml layer", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "csbs-clouds-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it("looks where openstacksdk looks, OS_CLIENT_CONFIG_FILE and OS_CLIENT_SECURE_FILE first", () => {
    const env = { HOME: "/home/u", OS_CLIENT_CONFIG_FILE: "c.yaml", OS_CLIENT_SECURE_FILE: "/s.yaml" };
    const clouds = cloudsYamlCandidates(env);
    assert.deepEqual(clouds.slice(0, 3), [resolve("c.yaml"), join(process.cwd(), "clouds.yaml"), join(process.cwd(), "clouds.yml")]);
    assert.deepEqual(clouds.slice(-2), ["/etc/openstack/clouds.yaml", "/etc/openstack/clouds.yml"]);
    assert.ok(clouds.includes("/home/u/.config/openstack/clouds.yaml"));
    assert.equal(secureYamlCandidates(env)[0], "/s.yaml");
  });

  it("maps a cloud's keys to settings, older spellings and the shared domain included, and verify: false to insecure", () => {
    const clouds = file(
      "clouds.yaml",
      "clouds:\n  otc:\n    region_name: eu-de\n    verify: false\n    auth:\n      auth_url: https://iam/v3\n      user_name: alice\n      domain_name: OTC-EU\n      tenant_name: eu-de_web\n",
    );
    const layer = cloudsYamlLayer("otc", "OS_CLOUD", {}, { cloudsYamlPaths: [clouds], secureYamlPaths: [] });
    assert.deepEqual(layer.values, {
      authUrl: "https://iam/v3",
      region: "eu-de",
      userName: "alice",
      userDomainName: "OTC-EU",
      projectName: "eu-de_web",
      projectDomainName: "OTC-EU",
      insecure: "true",
    });
    assert.equal(layer.origins.userName, `clouds.yaml (${clouds}) cloud "otc" auth.user_name`);
  });

  it("merges secure.yaml over the cloud and says so in the origin; verify: <path> is the CA bundle", () => {
    const clouds = file("clouds.yaml", "clouds:\n  otc:\n    verify: /etc/ca.pem\n    auth:\n      username: alice\n      password: old\n");
    const secure = file("secure.yaml", "clouds:\n  otc:\n    auth:\n      password: s3cret\n");
    const layer = cloudsYamlLayer("otc", "csbs:cloud", {}, { cloudsYamlPaths: [clouds], secureYamlPaths: [secure] });
    assert.equal(layer.values.password, "s3cret");
    assert.equal(layer.values.userName, "alice");
    assert.equal(layer.values.cacert, "/etc/ca.pem");
    assert.equal(layer.origins.password, `clouds.yaml (${clouds} + ${secure}) cloud "otc" auth.password`);
  });

  it("fails naming where it looked, or which clouds exist", () => {
    const missing = join(dir, "none.yaml");
    assert.throws(() => cloudsYamlLayer("otc", "OS_CLOUD", {}, { cloudsYamlPaths: [missing], secureYamlPaths: [] }), new RegExp(`none was found: looked in ${missing}`));
    const clouds = file("clouds.yaml", "clouds:\n  b: {}\n  a: {}\n");
    assert.throws(() => cloudsYamlLayer("otc", "OS_CLOUD", {}, { cloudsYamlPaths: [clouds], secureYamlPaths: [] }), /\(clouds there: a, b\)/);
  });
});
