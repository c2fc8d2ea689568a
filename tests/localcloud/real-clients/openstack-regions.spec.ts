/**
 * The local cloud's regions through clients nobody here wrote: Debian's `openstack` CLI and openstacksdk pick
 * a region from the catalog by name and see that region's servers and volumes alone.
 */
import assert from "node:assert/strict";
import { exec } from "../../support/engine";
import { seedServers, startTestCloud, REGION_TWO, type TestCloud } from "../../support/cloud";
import { ensureDebianPackages } from "../../support/debian";
import { openstackJson, type CatalogRow, type CliLogin } from "../real-keystone/openstack-cli";

type Json = Record<string, unknown>;

describe("Debian's openstack CLI and openstacksdk against two regions of the local cloud", function () {
  // The first run may install the Debian packages; each CLI call takes about a second.
  this.timeout(600_000);
  let cloud: TestCloud;
  const as = (region: string): CliLogin => ({ authUrl: cloud.authUrl, user: "demo", password: "demo", project: "demo", region });
  before(async () => {
    await ensureDebianPackages(["python3-openstackclient", "python3-openstacksdk"]);
    cloud = await startTestCloud();
    await seedServers(cloud, REGION_TWO, ["cli-two-0"]);
  });
  after(async () => cloud?.close());

  it("`openstack catalog list` shows every service in RegionOne and RegionTwo", async () => {
    const rows = await openstackJson<CatalogRow[]>(as("RegionOne"), ["catalog", "list"]);
    assert.deepEqual(rows.map((r) => r.Type).sort(), ["compute", "data-protect", "identity", "image", "volumev3"]);
    for (const row of rows) {
      const regions = [...new Set(row.Endpoints.filter((e) => e.interface === "public").map((e) => e.region))];
      assert.deepEqual(regions, ["RegionOne", "RegionTwo"], row.Type);
    }
  });

  it("`openstack --os-region-name RegionTwo server list` lists RegionTwo's servers, RegionOne's lists its own", async () => {
    const two = (await openstackJson<Json[]>(as("RegionTwo"), ["server", "list"])).map((r) => r.Name as string);
    const one = (await openstackJson<Json[]>(as("RegionOne"), ["server", "list"])).map((r) => r.Name as string);
    assert.equal(two.length, 11);
    assert.ok(two.includes("cli-two-0") && two.includes("r2-web-000"));
    assert.ok(!two.some((n) => n.startsWith("web-")));
    assert.equal(one.length, 104);
    assert.ok(!one.includes("cli-two-0") && !one.some((n) => n.startsWith("r2-")));
    const volumes = (await openstackJson<Json[]>(as("RegionTwo"), ["volume", "list"])).map((r) => r.Name as string);
    assert.ok(volumes.includes("cli-two-0-disk-0") && !volumes.includes("web-000-disk-0"));
  });

  it("openstacksdk with region_name='RegionTwo' reads RegionTwo's servers and volumes", async () => {
    const program = [
      "import json, openstack",
      `conn = openstack.connect(auth_url=${JSON.stringify(cloud.authUrl)}, username="demo", password="demo", project_name="demo",`,
      '    user_domain_name="Default", project_domain_name="Default", region_name="RegionTwo")',
      "print(json.dumps({'servers': sorted(s.name for s in conn.compute.servers()), 'volumes': len(list(conn.block_storage.volumes())),",
      "  'compute': conn.compute.get_endpoint()}))",
    ].join("\n");
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("OS_")) env[k] = v;
    const r = await exec("/usr/bin/python3", ["-c", program], { env, timeoutMs: 120_000 });
    assert.equal(r.code, 0, r.output);
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!) as { servers: string[]; volumes: number; compute: string };
    assert.equal(out.servers.length, 11);
    assert.ok(out.servers.includes("cli-two-0"));
    assert.equal(out.volumes, 11);
    assert.match(out.compute, /\/regions\/RegionTwo\/compute\/v2\.1/);
  });
});
