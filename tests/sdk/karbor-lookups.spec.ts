import * as assert from "node:assert/strict";
import { openConnection } from "../../provider/connection";
import { resetSessions } from "../../provider/clients/session";
import { takeBackup } from "../../provider/hooks/backup-lifecycle";
import { getBackups } from "../../sdk/get-backups";
import { connectionSettings } from "../../sdk/connection";
import { getServerProtection } from "../../sdk/get-server-protection";
import type { LocalCloud } from "../../localcloud";
import { admin } from "../support/cloud";
import { advance, pattern, settings } from "../localcloud/csbs/support/csbs-session";
import { caller, OS_INFRA, serverId, startKarborCloud, type KarborCaller } from "../localcloud/karbor/support/karbor-session";
import { cloudNow, demoOptions, requestsTo } from "./lookup-cloud";
import type { ConnectionOptions } from "../../sdk/connection";

const CHECKPOINTS = `/providers/${OS_INFRA}/checkpoints`;

/**
 * Issue 15: the backup lookups on Karbor, where a backup is a checkpoint (one per plan run, covering all of the
 * plan's servers) and `created_at` is a date. Nine backups in seven checkpoints: a daily plan of web-000 and
 * web-001 run by its schedule on Monday, Tuesday and Wednesday at 02:00 (6 automatic), a disabled plan of web-002 run by hand
 * (1 manual), a plan of web-003 whose run fails (1 manual, error), and a ServerBackup-style backup of web-004
 * (1 manual; its plan is gone, so it names no policy).
 */
describe("getBackups and getServerProtection on Karbor", function () {
  this.timeout(60_000);
  let cloud: LocalCloud;
  let demo: KarborCaller;
  let options: ConnectionOptions;
  let daily: string;
  let paused: string;
  let oneOff: string;
  const id = (name: string) => serverId(cloud, name);

  beforeEach(async () => {
    cloud = await startKarborCloud();
    demo = await caller(cloud);
    options = demoOptions(cloud, { "csbs:api": "karbor" });
    const conn = openConnection(connectionSettings(options));
    const policy = (name: string, enabled: boolean) =>
      conn.backend.create({ name, description: "", enabled, pattern: pattern("FREQ=DAILY;BYHOUR=2;BYMINUTE=0"), retention: { maxBackups: 30 }, tags: {} });
    daily = (await policy("daily", true)).id;
    await conn.backend.setServers(daily, [id("web-000"), id("web-001")]);
    paused = (await policy("paused", false)).id;
    await conn.backend.setServers(paused, [id("web-002")]);
    const failing = (await policy("failing", false)).id;
    await conn.backend.setServers(failing, [id("web-003")]);
    assert.equal((await demo.call("POST", CHECKPOINTS, { checkpoint: { plan_id: paused } })).status, 200);
    await settings(cloud, { failReasons: { [id("web-003")]: "volume snapshot failed" } });
    assert.equal((await demo.call("POST", CHECKPOINTS, { checkpoint: { plan_id: failing } })).status, 200);
    oneOff = (await takeBackup(conn.backups, { serverId: id("web-004"), name: "pre-upgrade", description: "", incremental: true, tags: {} }, "test")).id;
    await advance(cloud, 2 * 86_400 + 3 * 3600); // Wednesday 03:00
    await admin(cloud, "DELETE", "/requests");
    resetSessions();
  });
  afterEach(() => cloud.close());

  const pagesRead = () => requestsTo(cloud, "GET", CHECKPOINTS);

  it("reads every page: nine backups from seven checkpoints in pages of one, newest first", async () => {
    const all = await getBackups({ pageSize: 1 }, options);
    assert.equal(all.length, 9);
    assert.ok((await pagesRead()) >= 7, `pages read: ${await pagesRead()}`);
    const days = all.map((b) => b.createdAt);
    assert.deepEqual(days, [...days].sort().reverse());
    assert.deepEqual(new Set(days), new Set(["2030-01-09T00:00:00.000Z", "2030-01-08T00:00:00.000Z", "2030-01-07T00:00:00.000Z"]));
  });

  it("filters by server, policy, status, since and kind across pages", async () => {
    const web0 = await getBackups({ serverId: id("web-000"), pageSize: 1 }, options);
    assert.deepEqual(web0.map((b) => [b.serverName, b.kind, b.policyId]), Array.from({ length: 3 }, () => ["web-000", "automatic", daily]));
    const ofDaily = await getBackups({ policyId: daily, pageSize: 1 }, options);
    assert.equal(ofDaily.length, 6);
    assert.ok(ofDaily.every((b) => b.policyId === daily && b.kind === "automatic"));
    const failed = await getBackups({ status: "error", pageSize: 1 }, options);
    assert.deepEqual(failed.map((b) => b.serverName), ["web-003"]);
    const recent = await getBackups({ since: "2030-01-08T01:00:00Z", pageSize: 1 }, options);
    assert.equal(recent.length, 4, "Karbor dates its checkpoints by the day: since compares days");
    const manual = await getBackups({ kind: "manual", pageSize: 1 }, options);
    assert.deepEqual(manual.map((b) => b.serverName).sort(), ["web-002", "web-003", "web-004"]);
    const own = manual.find((b) => b.serverName === "web-004")!;
    assert.equal(own.id, oneOff);
    assert.equal(own.name, "pre-upgrade");
    assert.equal(own.policyId, undefined);
    assert.equal(manual.find((b) => b.serverName === "web-002")!.policyId, paused);
    // Four listings of all seven checkpoints and one of the daily plan's three (Karbor filters by plan itself).
    assert.ok((await pagesRead()) >= 4 * 7 + 3, `pages read: ${await pagesRead()}`);
  });

  it("reports the protection of each server from the checkpoints", async () => {
    const now = await cloudNow(cloud);
    const ids = ["web-000", "web-002", "web-004", "web-005"].map(id);
    const rows = await getServerProtection({ serverIds: ids, now }, options);
    assert.deepEqual(rows[0], {
      serverId: ids[0], serverName: "web-000", status: "ACTIVE", policyId: daily, policyName: "daily", policyEnabled: true,
      lastBackupAt: "2030-01-09T00:00:00.000Z", lastBackupStatus: "available", lastBackupId: rows[0].lastBackupId,
      nextRunAt: "2030-01-10T02:00:00.000Z", automaticBackups: 3, manualBackups: 0,
    });
    const checkpoints = (await demo.call("GET", `${CHECKPOINTS}?plan_id=${daily}`)).body.checkpoints as Array<{ id: string; created_at: string }>;
    assert.equal(rows[0].lastBackupId, checkpoints.find((c) => c.created_at === "2030-01-09")?.id);
    assert.deepEqual(rows[1], {
      serverId: ids[1], serverName: "web-002", status: "ACTIVE", policyId: paused, policyName: "paused", policyEnabled: false,
      lastBackupAt: "2030-01-07T00:00:00.000Z", lastBackupStatus: "available", lastBackupId: rows[1].lastBackupId, automaticBackups: 0, manualBackups: 1,
    });
    assert.deepEqual(rows[2], {
      serverId: ids[2], serverName: "web-004", status: "ACTIVE",
      lastBackupAt: "2030-01-07T00:00:00.000Z", lastBackupStatus: "available", lastBackupId: oneOff, automaticBackups: 0, manualBackups: 1,
    });
    assert.deepEqual(rows[3], { serverId: ids[3], serverName: "web-005", status: "ACTIVE", automaticBackups: 0, manualBackups: 0 });
  });
});
