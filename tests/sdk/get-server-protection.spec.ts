import * as assert from "node:assert/strict";
import { getServerProtection } from "../../sdk/get-server-protection";
import { getBackups } from "../../sdk/get-backups";
import { getPolicy } from "../../sdk/get-policy";
import { resetSessions } from "../../provider/clients/session";
import { admin } from "../support/cloud";
import { advance, createPolicy, pattern, PROVIDER_ID, serverId } from "../localcloud/csbs/support/csbs-session";
import { cloudNow, lookupCloudPerTest, requestsTo } from "./lookup-cloud";

const P = `/providers/${PROVIDER_ID}`;

describe("getServerProtection", function () {
  this.timeout(60_000);
  const ctx = lookupCloudPerTest();

  it("reports every field against the cloud after the clock ran five days: two policies, one disabled, an unprotected server", async () => {
    // Daily at 02:00 and 14:00 UTC; the disabled policy would run at 05:00 but never does.
    const daily = await createPolicy(ctx.demo, { name: "twice-daily", servers: ["web-000", "web-001"], pattern: pattern("FREQ=DAILY;BYHOUR=2,14;BYMINUTE=0") });
    const off = await createPolicy(ctx.demo, { name: "paused", servers: ["web-002"], enabled: false, pattern: pattern("FREQ=DAILY;BYHOUR=5;BYMINUTE=0") });
    const run = await ctx.demo.call("POST", `${P}/checkpoints`, { checkpoint: { plan_id: off.id, parameters: {} } });
    assert.equal(run.status, 200);
    await advance(ctx.cloud, 5 * 86_400 + 3 * 3600); // Saturday 03:00
    const now = await cloudNow(ctx.cloud);
    const ids = ["web-000", "web-001", "web-002", "web-003"].map((n) => serverId(ctx.cloud, n));
    await admin(ctx.cloud, "DELETE", "/requests");
    resetSessions();

    const rows = await getServerProtection({ serverIds: ids, now }, ctx.options);

    assert.deepEqual(rows.map((r) => r.serverName), ["web-000", "web-001", "web-002", "web-003"]);
    for (const row of rows.slice(0, 2)) {
      assert.equal(row.policyId, daily.id);
      assert.equal(row.policyName, "twice-daily");
      assert.equal(row.policyEnabled, true);
      assert.equal(row.status, "ACTIVE");
      assert.equal(row.automaticBackups, 11); // 2 a day for 5 days, and Saturday 02:00
      assert.equal(row.manualBackups, 0);
      assert.equal(row.lastBackupAt, "2030-01-12T02:00:00.000Z");
      assert.equal(row.lastBackupStatus, "available");
      assert.equal(row.nextRunAt, "2030-01-12T14:00:00.000Z");
    }
    const [manual] = (await ctx.demo.call("GET", `/checkpoint_items?resource_id=${ids[2]}`)).body.checkpoint_items;
    assert.deepEqual(rows[2], {
      serverId: ids[2], serverName: "web-002", status: "ACTIVE", policyId: off.id, policyName: "paused", policyEnabled: false,
      lastBackupAt: new Date(`${manual.created_at}Z`).toISOString(), lastBackupStatus: "available", lastBackupId: manual.id, automaticBackups: 0, manualBackups: 1,
    });
    assert.deepEqual(rows[3], { serverId: ids[3], serverName: "web-003", status: "ACTIVE", automaticBackups: 0, manualBackups: 0 });

    // The same facts the other lookups read, and one token for all of them.
    const web0 = await getBackups({ serverId: ids[0] }, ctx.options);
    assert.equal(web0.length, rows[0].automaticBackups);
    assert.equal(web0[0].createdAt, rows[0].lastBackupAt);
    assert.equal(web0[0].id, rows[0].lastBackupId);
    assert.equal((await getPolicy({ id: daily.id }, ctx.options)).enabled, true);
    assert.equal(await requestsTo(ctx.cloud, "POST", "/auth/tokens"), 1);
  });

  it("covers every server of the project by default", async () => {
    const rows = await getServerProtection({}, ctx.options);
    assert.equal(rows.length, ctx.cloud.fixtures.projects.find((p) => p.name === "demo")?.servers.length);
    assert.ok(rows.every((r) => r.policyId === undefined && r.lastBackupAt === undefined));
  });

  it("fails naming a server id the project does not have", async () => {
    await assert.rejects(getServerProtection({ serverIds: ["0b6c1c51-0000-4000-8000-000000000000"] }, ctx.options),
      /serverIds lists "0b6c1c51-0000-4000-8000-000000000000", which the project does not have/);
  });
});
