/**
 * CSBS replies decoded against the Open Telekom Cloud Go SDK's result structures (support/go-sdk-types.ts):
 * policies (create, update, get, list), checkpoint creation, and checkpoint items (list and get) of a server with
 * several volumes. A field of the wrong JSON type (a float where the SDK has an int, a number where it has a text,
 * a time in another layout) is a decoding failure the SDK would report.
 */
import assert from "node:assert/strict";
import { BACKUP, BACKUP_POLICY, CHECKPOINT, CREATE_BACKUP_POLICY, goDecodeErrors, missingKeys } from "./support/go-sdk-types";
import { admin } from "../../support/cloud";
import { createPolicy, csbsCloudPerTest, policyBody, PROVIDER_ID } from "./support/csbs-session";

describe("localcloud CSBS replies as the Open Telekom Cloud Go SDK decodes them", function () {
  this.timeout(30000);
  const ctx = csbsCloudPerTest("in-memory");

  it("decodes create and update replies into CreateBackupPolicy with every field present", async () => {
    const created = await createPolicy(ctx.demo, { servers: ["web-000", "web-001"], tags: [{ key: "team", value: "web" }] });
    assert.deepEqual(goDecodeErrors(created, CREATE_BACKUP_POLICY), []);
    const updated = await ctx.demo.call("PUT", `/policies/${created.id}`, { policy: { description: "changed" } });
    assert.equal(updated.status, 200);
    assert.deepEqual(goDecodeErrors(updated.body.policy, CREATE_BACKUP_POLICY), []);
    assert.deepEqual(missingKeys(updated.body.policy, CREATE_BACKUP_POLICY), []);
  });

  it("decodes get and list replies into BackupPolicy except the operation_definition values, which are text as in the API reference", async () => {
    const created = await createPolicy(ctx.demo, { servers: ["web-000"] });
    const got = (await ctx.demo.call("GET", `/policies/${created.id}`)).body.policy;
    const listed = (await ctx.demo.call("GET", "/policies")).body.policies;
    // The SDK's BackupPolicy reads these three as int/bool; the reference's examples (and this cloud) send "20", "-1", "False".
    const textOnly = (errors: string[]) => errors.filter((e) => !/operation_definition\.(max_backups|retention_duration_days|permanent):/.test(e));
    assert.deepEqual(textOnly(goDecodeErrors(got, BACKUP_POLICY)), []);
    assert.deepEqual(textOnly(goDecodeErrors(listed, { slice: BACKUP_POLICY })), []);
    assert.equal(typeof got.scheduled_operations[0].operation_definition.max_backups, "string");
  });

  it("decodes a checkpoint creation into Checkpoint", async () => {
    const policy = await createPolicy(ctx.demo, { servers: ["web-000"] });
    const r = await ctx.demo.call("POST", `/providers/${PROVIDER_ID}/checkpoints`, { checkpoint: { plan_id: policy.id, parameters: { auto_trigger: false } } });
    assert.equal(r.status, 200);
    assert.deepEqual(goDecodeErrors(r.body.checkpoint, CHECKPOINT), []);
  });

  it("decodes checkpoint items (list and get) of a server with three volumes into Backup: ints in volume_backups, floats one level up", async () => {
    const disk = (sizeGb: number, bootable: boolean) => ({ sizeGb, bootable, multiattach: false });
    const applied = await admin<{ projects: Array<{ name: string; servers: Array<{ id: string; name: string }> }> }>(ctx.cloud, "POST", "/fixtures", {
      projects: [{ name: "demo", servers: [{ name: "multi-0", status: "ACTIVE", volumes: [disk(40, true), disk(100, false), disk(20, false)] }] }],
    });
    const multiId = applied.projects.find((p) => p.name === "demo")!.servers.find((x) => x.name === "multi-0")!.id;
    const body = policyBody(ctx.cloud, { servers: ["web-001"] });
    (body.policy.resources as unknown[]).push({ id: multiId, type: "OS::Nova::Server", name: "multi-0" });
    const made = await ctx.demo.call("POST", "/policies", body);
    assert.equal(made.status, 200, JSON.stringify(made.body));
    const policy = made.body.policy;
    await ctx.demo.call("POST", `/providers/${PROVIDER_ID}/checkpoints`, { checkpoint: { plan_id: policy.id, parameters: { auto_trigger: false } } });
    const items = (await ctx.demo.call("GET", `/checkpoint_items?plan_id=${policy.id}`)).body.checkpoint_items;
    assert.equal(items.length, 2);
    assert.deepEqual(goDecodeErrors(items, { slice: BACKUP }), []);
    const multi = items.find((i: { extend_info: { resource_name: string } }) => i.extend_info.resource_name === "multi-0");
    const got = (await ctx.demo.call("GET", `/checkpoint_items/${multi.id}`)).body.checkpoint_item;
    assert.deepEqual(goDecodeErrors(got, BACKUP), []);
    // fail_code is {} on a backup that did not fail (as the service sends it); every other field is there.
    assert.deepEqual(missingKeys(got, BACKUP).filter((k) => !k.startsWith("$.extend_info.fail_code.")), []);
    assert.equal(got.extend_info.volume_backups.length, 3);
    assert.ok(!Number.isInteger(got.extend_info.average_speed), "extend_info.average_speed stays a float");
    for (const v of got.extend_info.volume_backups) assert.ok(Number.isInteger(v.average_speed), `volume average_speed ${v.average_speed}`);
  });

  it("would catch a float where the SDK has an int (the decoder is not lenient)", () => {
    assert.deepEqual(goDecodeErrors({ extend_info: { volume_backups: [{ average_speed: 29.9 }] } }, BACKUP), [
      "$.extend_info.volume_backups[0].average_speed: 29.9 does not decode into int",
    ]);
    assert.equal(goDecodeErrors({ created_at: "2030-01-07T00:00:00Z" }, BACKUP_POLICY).length, 1);
  });
});
