/**
 * Clients nobody here wrote, against the local cloud: Debian's `openstack` CLI and openstacksdk list and show
 * servers (at microversions 2.1, 2.47 and the largest the cloud serves), volumes and images, and create an
 * application credential and log in with it.
 */
import assert from "node:assert/strict";
import { exec } from "../../support/engine";
import { startTestCloud, type TestCloud } from "../../support/cloud";
import { ensureDebianPackages } from "../../support/debian";
import { NOVA } from "../../../localcloud/compute/nova-microversion";
import { openstackJson, type CliLogin } from "../real-keystone/openstack-cli";

type Json = Record<string, unknown>;

/** Runs a Python program with openstacksdk connected as demo (`conn`); it prints one JSON document. */
async function sdk(cloud: TestCloud, program: string): Promise<Json> {
  const prelude = [
    "import json, openstack",
    `conn = openstack.connect(auth_url=${JSON.stringify(cloud.authUrl)}, username="demo", password="demo", project_name="demo",`,
    '    user_domain_name="Default", project_domain_name="Default", region_name="RegionOne")',
  ].join("\n");
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("OS_")) env[k] = v;
  const r = await exec("/usr/bin/python3", ["-c", `${prelude}\n${program}`], { env, timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`openstacksdk program failed (exit ${r.code}):\n${r.output}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as Json;
}

describe("Debian's openstack CLI and openstacksdk against the local cloud", function () {
  // The first run may install the Debian packages; each CLI call takes about a second.
  this.timeout(600_000);
  let cloud: TestCloud;
  let demo: CliLogin;
  before(async () => {
    await ensureDebianPackages(["python3-openstackclient", "python3-openstacksdk"]);
    cloud = await startTestCloud();
    demo = { authUrl: cloud.authUrl, user: "demo", password: "demo", project: "demo" };
  });
  after(async () => cloud?.close());

  it("lists servers with `openstack server list` (the image service resolves; servers booted from volume)", async () => {
    const rows = await openstackJson<Array<Json>>(demo, ["server", "list"]);
    const web = rows.find((r) => r.Name === "web-000");
    assert.ok(web, "web-000 is listed");
    assert.equal(web.Status, "ACTIVE");
    assert.equal(web.Image, "N/A (booted from volume)");
    assert.equal(rows.length, 104);
  });

  it("shows a server at 2.1 (no header): flavor by id, none of the later fields", async () => {
    const s = await openstackJson<Json>(demo, ["server", "show", "web-000"]);
    assert.equal(s.flavor, "s3.large.2");
    for (const later of ["locked", "description", "tags", "locked_reason", "trusted_image_certificates", "server_groups"]) assert.ok(!(later in s), `${later} is not a 2.1 field`);
  });

  it("shows a server at 2.47: the embedded flavor, description, tags and locked, but no locked_reason", async () => {
    const s = await openstackJson<Json>(demo, ["--os-compute-api-version", "2.47", "server", "show", "web-000"]);
    assert.deepEqual(s.flavor, { vcpus: 2, ram: 4096, disk: 0, ephemeral: 0, swap: 0, original_name: "s3.large.2", extra_specs: {} });
    assert.equal(s.locked, false);
    assert.equal(s.description, null);
    assert.deepEqual(s.tags, ["web", "prod"]);
    assert.ok(!("locked_reason" in s));
    assert.ok(!("trusted_image_certificates" in s));
  });

  it(`shows a server at ${NOVA.max}, the largest version served, with locked_reason, trusted_image_certificates and server_groups`, async () => {
    const s = await openstackJson<Json>(demo, ["--os-compute-api-version", NOVA.max, "server", "show", "web-000"]);
    assert.equal(s.locked_reason, null);
    assert.equal(s.trusted_image_certificates, null);
    assert.deepEqual(s.server_groups, []);
  });

  it("gets 406 for a version above the largest served", async () => {
    await assert.rejects(openstackJson(demo, ["--os-compute-api-version", "2.80", "server", "list"]), /Version 2\.80 is not supported by the API\. Minimum is 2\.1 and maximum is 2\.79\. \(HTTP 406\)/);
  });

  it("lists volumes with `openstack volume list`", async () => {
    const rows = await openstackJson<Array<Json>>(demo, ["volume", "list"]);
    const disk = rows.find((r) => r.Name === "web-000-disk-0");
    assert.ok(disk, "web-000's disk is listed");
    assert.equal(disk.Size, 40);
  });

  it("lists and shows images with `openstack image list` / `image show`", async () => {
    const rows = await openstackJson<Array<Json>>(demo, ["image", "list"]);
    assert.deepEqual(rows.map((r) => [r.Name, r.Status]), [["Standard_Ubuntu_22.04_latest", "active"]]);
    const image = await openstackJson<Json>(demo, ["image", "show", String(rows[0]!.ID)]);
    assert.equal(image.disk_format, "qcow2");
    assert.equal(image.visibility, "public");
  });

  it("creates an application credential with `openstack application credential create` and lists servers with it", async () => {
    const ac = await openstackJson<Json>(demo, ["application", "credential", "create", "cli-cred"]);
    assert.equal(typeof ac.secret, "string");
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("OS_")) env[k] = v;
    const r = await exec("/usr/bin/openstack", [
      "--os-auth-type", "v3applicationcredential", "--os-auth-url", cloud.authUrl, "--os-identity-api-version", "3",
      "--os-application-credential-id", String(ac.id), "--os-region-name", "RegionOne", "server", "list", "--name", "^web-00", "-f", "json",
    ], { env: { ...env, OS_APPLICATION_CREDENTIAL_SECRET: String(ac.secret) }, timeoutMs: 120_000 });
    assert.equal(r.code, 0, r.output);
    assert.equal((JSON.parse(r.stdout) as Json[]).length, 10);
  });

  it("openstacksdk negotiates 2.73 and reads its fields, volumes and images, and logs in with an application credential it created", async () => {
    const out = await sdk(cloud, [
      "s = conn.compute.get_server(conn.compute.find_server('web-000').id)",
      "ac = conn.identity.create_application_credential(user=conn.current_user_id, name='sdk-cred')",
      "ac_conn = openstack.connect(auth_type='v3applicationcredential', auth_url=conn.auth['auth_url'], application_credential_id=ac.id,",
      "    application_credential_secret=ac.secret, region_name='RegionOne')",
      "print(json.dumps({'microversion': s.microversion, 'locked': s.is_locked, 'flavor': s.flavor.original_name, 'tags': s.tags,",
      "  'images': [i.name for i in conn.image.images()], 'volumes': len(list(conn.block_storage.volumes())),",
      "  'project': conn.identity.get_project(conn.current_project_id).name,",
      "  'with_credential': len([x for x in ac_conn.compute.servers(name='^db-')])}))",
    ].join("\n"));
    assert.deepEqual(out, {
      microversion: "2.73", locked: false, flavor: "s3.large.2", tags: ["web", "prod"],
      images: ["Standard_Ubuntu_22.04_latest"], volumes: 105, project: "demo", with_credential: 2,
    });
  });
});
