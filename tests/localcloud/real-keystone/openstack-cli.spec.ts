import assert from "node:assert/strict";
import { login, startTestCloud, type TestCloud } from "../../support/cloud";
import { ensureKeystonePackages } from "../../support/keystone";
import { openstackJson, publicUrls, type CatalogRow } from "./openstack-cli";
import { realKeystonePerSuite } from "./real-keystone-cloud";

interface TokenRow {
  id: string;
  project_id: string;
  user_id: string;
  expires: string;
}

interface VolumeRow {
  ID: string;
  Name: string;
  Size: number;
}

describe("Debian's openstack CLI against the real Keystone in front of the local cloud", function () {
  this.timeout(300_000);
  const env = realKeystonePerSuite();

  it("issues a demo token whose project is the real Keystone's demo project and which the cloud accepts", async () => {
    const t = await openstackJson<TokenRow>({ authUrl: env.ks.url, user: "demo", password: "demo", project: "demo" }, ["token", "issue"]);
    assert.equal(t.project_id, env.ks.projects.demo);
    const r = await fetch(`${env.cloud.url}/csbs/v1/${t.project_id}/policies`, { headers: { "x-auth-token": t.id } });
    assert.equal(r.status, 200);
  });

  it("lists a catalog whose compute, volumev3 and data-protect entries point at the local cloud", async () => {
    const rows = await openstackJson<CatalogRow[]>({ authUrl: env.ks.url, user: "demo", password: "demo", project: "demo" }, ["catalog", "list"]);
    const base = env.cloud.url;
    assert.deepEqual(publicUrls(rows, "identity"), [env.ks.url]);
    assert.deepEqual(publicUrls(rows, "compute"), [`${base}/compute/v2.1`]);
    assert.deepEqual(publicUrls(rows, "volumev3"), [`${base}/volume/v3/${env.ks.projects.demo}`]);
    assert.deepEqual(publicUrls(rows, "data-protect"), [`${base}/csbs/v1/${env.ks.projects.demo}`]);
  });

  // `server list` needs an image endpoint even with --no-name-lookup in this client version; volumes need none.
  it("lists the demo fixture volumes from the local cloud's Cinder through the real Keystone's catalog", async () => {
    const rows = await openstackJson<VolumeRow[]>({ authUrl: env.ks.url, user: "demo", password: "demo", project: "demo" }, ["volume", "list"]);
    const byName = new Map(rows.map((r) => [r.Name, r]));
    for (const name of ["web-000-disk-0", "db-1-disk-0", "broken-0-disk-0"]) {
      assert.equal(byName.get(name)?.Size, 40, `${name} in ${rows.length} volumes`);
    }
  });
});

describe("Debian's openstack CLI against the local cloud's built-in Keystone", function () {
  this.timeout(300_000);
  let cloud: TestCloud;

  before(async () => {
    await ensureKeystonePackages();
    cloud = await startTestCloud();
  });
  after(async () => cloud?.close());

  it("issues a token for demo that names the demo project", async () => {
    const expected = await login(cloud);
    const t = await openstackJson<TokenRow>({ authUrl: cloud.authUrl, user: "demo", password: "demo", project: "demo" }, ["token", "issue"]);
    assert.equal(t.project_id, expected.projectId);
    assert.ok(t.id.length > 0);
  });

  it("lists the built-in catalog with identity, compute, volumev3 and data-protect in RegionOne", async () => {
    const rows = await openstackJson<CatalogRow[]>({ authUrl: cloud.authUrl, user: "demo", password: "demo", project: "demo" }, ["catalog", "list"]);
    const { projectId } = await login(cloud);
    assert.deepEqual(publicUrls(rows, "identity"), [cloud.authUrl]);
    assert.deepEqual(publicUrls(rows, "compute"), [`${cloud.url}/compute/v2.1`]);
    assert.deepEqual(publicUrls(rows, "volumev3"), [`${cloud.url}/volume/v3/${projectId}`]);
    assert.deepEqual(publicUrls(rows, "data-protect"), [`${cloud.url}/csbs/v1/${projectId}`]);
  });
});
