import * as assert from "node:assert/strict";
import type { CsbsCheckpointItem } from "../../provider/wire/csbs";
import { login } from "../support/cloud";
import { serverIds } from "./cloud-api";
import { exampleOnCloud } from "./example-on-cloud";
import { setConfig } from "./example-stack";

/** The server's backups as the cloud lists them, oldest first. */
async function backupsOf(cloud: Parameters<typeof login>[0], serverId: string): Promise<CsbsCheckpointItem[]> {
  const { token, csbs } = await login(cloud);
  const res = await fetch(`${csbs}/checkpoint_items?resource_id=${serverId}&sort=created_at:asc`, { headers: { "x-auth-token": token } });
  assert.equal(res.status, 200);
  return ((await res.json()) as { checkpoint_items: CsbsCheckpointItem[] }).checkpoint_items;
}

describe("examples/before-risky-change", function () {
  this.timeout(300_000);
  const ctx = exampleOnCloud("before-risky-change", (cloud) => serverIds(cloud, ["web-060"]));
  let first = "";

  it("takes the backup before the change and exports the rollback command", async () => {
    await setConfig(ctx.stack, { "csbs-before-risky-change:appVersion": "v2.0" });
    const up = await ctx.stack.up();
    assert.equal(up.code, 0, up.output);
    const out = await ctx.stack.outputs();
    first = String(out.backupId);
    assert.equal(out.backupStatus, "available");
    const backups = await backupsOf(ctx.cloud, ctx.servers[0]);
    assert.deepEqual(backups.map((b) => [b.id, b.status, b.description]), [[first, "available", "before v2.0"]]);
    assert.equal(out.rollback, `pulumi-csbs restore ${first} --server ${ctx.servers[0]}`);
  });

  it("takes a new backup for a new version and keeps the previous one (retainOnDelete)", async () => {
    await setConfig(ctx.stack, { "csbs-before-risky-change:appVersion": "v2.1" });
    const up = await ctx.stack.up();
    assert.equal(up.code, 0, up.output);
    const second = String((await ctx.stack.outputs()).backupId);
    assert.notEqual(second, first);
    const backups = await backupsOf(ctx.cloud, ctx.servers[0]);
    assert.deepEqual(backups.map((b) => [b.id, b.description]), [[first, "before v2.0"], [second, "before v2.1"]]);
  });

  it("keeps the backups when the stack is destroyed", async () => {
    const down = await ctx.stack.destroy();
    assert.equal(down.code, 0, down.output);
    assert.equal((await backupsOf(ctx.cloud, ctx.servers[0])).length, 2);
  });
});
