import * as assert from "node:assert/strict";
import { isOperationError, type OperationRule } from "../../sdk/operation-error";
import { planRestore, restoreServer } from "../../sdk/restore-server";
import { type Json, PROVIDER_ID, serverId, settings } from "../localcloud/csbs/support/csbs-session";
import { lookupCloudPerTest, requestsTo } from "./lookup-cloud";

describe("restoreServer", function () {
  this.timeout(60_000);
  const ctx = lookupCloudPerTest();

  /** A manual backup of one fixture server (available at once on the local cloud). */
  async function backupOf(name: string): Promise<Json> {
    const r = await ctx.demo.call("POST", `/providers/${PROVIDER_ID}/resources/${serverId(ctx.cloud, name)}/action`, { protect: { backup_name: `of-${name}` } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return (await ctx.demo.call("GET", `/checkpoint_items?checkpoint_id=${r.body.checkpoint.id}`)).body.checkpoint_items[0];
  }

  const refusedWith = (rule: OperationRule) => (err: unknown) => isOperationError(err, rule);

  it("plans a restore onto the backed-up server disk by disk, restores it and powers it on again", async () => {
    await settings(ctx.cloud, { restoreSeconds: 0 });
    const backup = await backupOf("web-000");
    const plan = await planRestore({ backupId: backup.id }, ctx.options);
    assert.equal(plan.serverId, serverId(ctx.cloud, "web-000"));
    assert.equal(plan.powerOn, true);
    assert.ok(plan.disks.length > 0);
    for (const d of plan.disks) assert.equal(d.targetVolumeId, d.sourceVolumeId, "each disk goes back where it came from");
    const seen: string[] = [];
    const result = await restoreServer({ backupId: backup.id, pollIntervalMs: 50, onProgress: (p) => seen.push(p.status) }, ctx.options);
    assert.equal(result.serverStatus, "ACTIVE");
    assert.equal(seen.at(-1), "success");
    assert.equal(await requestsTo(ctx.cloud, "POST", "/restores"), 1);
  });

  it("refuses a backup that does not exist and a server that cannot be restored, before sending any restore", async () => {
    const backup = await backupOf("web-000");
    await assert.rejects(planRestore({ backupId: "00000000-0000-4000-8000-000000000000" }, ctx.options), refusedWith("backup-not-found"));
    await assert.rejects(planRestore({ backupId: backup.id, serverId: serverId(ctx.cloud, "broken-0") }, ctx.options), refusedWith("server-state-not-restorable"));
    await assert.rejects(planRestore({ backupId: backup.id, serverId: "00000000-0000-4000-8000-0000000000ff" }, ctx.options), refusedWith("server-not-found"));
    await assert.rejects(planRestore({ backupId: backup.id, diskMapping: { "not-a-disk": "x" } }, ctx.options), refusedWith("disk-mapping-invalid"));
    assert.equal(await requestsTo(ctx.cloud, "POST", "/restores"), 0);
  });
});
