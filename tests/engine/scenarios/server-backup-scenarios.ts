import * as assert from "node:assert/strict";
import { admin, type TestCloud } from "../../support/cloud";
import type { EngineStack } from "../../support/engine";
import { KEEPER, type Dialect, type ScenarioApi } from "./dialect";
import { outputsOf, scenarioStack, serverIds } from "./program";

/** Type token of ServerBackup in state. */
export const SERVER_BACKUP_TYPE = "pulumi-nodejs:dynamic/csbs:ServerBackup";

/** A ServerBackup of the generated program. */
export interface BackupDecl {
  resource: string;
  args: Record<string, unknown>;
  opts?: { retainOnDelete?: boolean; customTimeouts?: { create?: string; delete?: string } };
}

const BACKUP_PROGRAM = `
const csbs = require("pulumi-csbs");
const spec = require("./spec.json");
const out = {};
for (const b of spec.backups) {
  const r = new csbs.ServerBackup(b.resource, b.args, b.opts || {});
  out[b.resource] = {
    id: r.id, backupId: r.backupId, checkpointId: r.checkpointId, status: r.status, serverId: r.serverId, serverName: r.serverName,
    name: r.name, sizeMb: r.sizeMb, incremental: r.incremental, volumeBackups: r.volumeBackups, createdAt: r.createdAt,
  };
}
module.exports = out;
`;

function setBackups(stack: EngineStack, backups: BackupDecl[]): void {
  stack.writeProgram({ "index.js": BACKUP_PROGRAM, "spec.json": JSON.stringify({ backups }, null, 2) });
}

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

async function requestLog(cloud: TestCloud): Promise<LoggedRequest[]> {
  return (await admin<{ requests: LoggedRequest[] }>(cloud, "GET", "/requests")).requests;
}

/** The requests of the data-protection API that match, as "METHOD path" lines. */
function calls(log: readonly LoggedRequest[], method: string, path: RegExp): LoggedRequest[] {
  return log.filter((r) => r.method === method && path.test(r.path));
}

/** What the cloud says about one backup, whichever API: status, server, name; undefined when gone. */
async function liveBackup(api: ScenarioApi, backupId: string): Promise<Record<string, unknown> | undefined> {
  try {
    if (api.dialect === "csbs") return (await api.call<{ checkpoint_item: Record<string, unknown> }>("GET", `/checkpoint_items/${backupId}`)).checkpoint_item;
    const c = await api.call<{ checkpoint: Record<string, unknown> & { protection_plan: { name: string; resources: Array<{ id: string; name: string }> } } }>(
      "GET", `/providers/cf56bd3e-97a7-4078-b6d5-f36246333fd9/checkpoints/${backupId}`,
    );
    return c.checkpoint;
  } catch (err) {
    if (/→ 404/.test(String(err))) return undefined;
    throw err;
  }
}

/** Deletes a backup outside Pulumi (as the console would) and waits until the cloud no longer has it. */
async function deleteInConsole(api: ScenarioApi, backupId: string, checkpointId: string): Promise<void> {
  const provider = api.dialect === "csbs" ? "fc4d5750-22e7-4798-8a46-f48f62c4c1da" : "cf56bd3e-97a7-4078-b6d5-f36246333fd9";
  await api.call("DELETE", `/providers/${provider}/checkpoints/${checkpointId}${api.dialect === "csbs" ? `?checkpoint_items=${backupId}` : ""}`);
  for (let i = 0; i < 100 && (await liveBackup(api, backupId)) !== undefined; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(await liveBackup(api, backupId), undefined, "the console delete finished");
}

/**
 * Issue 15, acceptance 1-3: a ServerBackup through the engine. The cloud's 5 s protecting phase runs in real
 * seconds (the local cloud ends a state at its cloud-clock time or the same real time, whichever comes first).
 */
export function describeServerBackup(d: Dialect): void {
  describe("ServerBackup through the engine", function () {
    this.timeout(300_000);
    let cloud: TestCloud;
    let stack: EngineStack;
    let api: ScenarioApi;
    let server: string;
    let first: Record<string, unknown>;
    const karbor = d.api === "karbor";
    const BACKUP_PATH = karbor ? /\/providers\/[^/]+\/checkpoints\/[^/]+$/ : /\/checkpoint_items\/[^/]+$/;
    const LIST_PATH = karbor ? /\/providers\/[^/]+\/checkpoints\/[^/]+$/ : /\/checkpoint_items$/;
    const CREATE_PATH = karbor ? /\/providers\/[^/]+\/checkpoints$/ : /\/providers\/[^/]+\/resources\/[^/]+\/action$/;
    const DELETE_PATH = /\/providers\/[^/]+\/checkpoints\/[^/]+$/;

    const backup = (triggers: unknown[], opts?: BackupDecl["opts"]): BackupDecl => ({
      resource: "before-upgrade",
      args: { serverId: server, name: "pre-upgrade", description: "before v2", triggers, ...(karbor ? {} : { tags: { reason: "upgrade" } }) },
      ...(opts ? { opts } : {}),
    });

    before(async () => {
      cloud = await d.startCloud();
      api = await d.login(cloud);
      [server] = serverIds(cloud, "web-050");
      stack = await scenarioStack(cloud, `${d.api}-server-backup`, { policies: [] }, { api: d.api, user: KEEPER });
      setBackups(stack, [backup(["v1"])]);
    });
    after(async () => {
      stack?.dispose();
      await cloud?.close();
    });

    it("waits through a 5 s protecting phase with one create request and spaced polls; the outputs match the cloud", async () => {
      await admin(cloud, "POST", "/csbs/settings", { protectSeconds: 5, listDelaySeconds: karbor ? 0 : 2 });
      await admin(cloud, "DELETE", "/requests");
      const up = await stack.up();
      assert.equal(up.code, 0, up.output);
      const log = await requestLog(cloud);
      assert.equal(calls(log, "POST", CREATE_PATH).length, 1, "exactly one create request");
      first = (await outputsOf(stack))["before-upgrade"];
      const polls = calls(log, "GET", BACKUP_PATH).length + (karbor ? 0 : calls(log, "GET", LIST_PATH).length);
      // Doubling pauses from 1 s over about 5 s make 4 to 6 reads; a loop without pauses would make hundreds.
      assert.ok(polls >= 3 && polls <= 8, `${polls} polls during the protecting phase`);
      if (!karbor) {
        // The backup was missing from the list for 2 s after the create, and the create kept looking.
        assert.ok(calls(log, "GET", LIST_PATH).length >= 2, "looked for the backup again while the list was empty");
      }
      const live = await liveBackup(api, String(first.backupId));
      assert.ok(live, "the backup exists");
      assert.equal(first.status, "available");
      assert.equal(live.status, "available");
      assert.equal(first.id, first.backupId);
      assert.equal(first.serverId, server);
      assert.equal(first.serverName, "web-050");
      if (api.dialect === "csbs") {
        const info = live.extend_info as Record<string, unknown>;
        assert.equal(first.checkpointId, live.checkpoint_id);
        assert.equal(live.name, "pre-upgrade");
        assert.equal(live.description, "before v2");
        assert.deepEqual(live.tags, [{ key: "reason", value: "upgrade" }]);
        assert.equal(first.sizeMb, info.size);
        assert.equal(first.incremental, info.incremental);
        const volumes = info.volume_backups as Array<Record<string, unknown>>;
        assert.deepEqual(first.volumeBackups, volumes.map((v) => ({ id: v.id, sourceVolumeId: v.source_volume_id, sizeGb: v.source_volume_size, bootable: v.bootable })));
        assert.equal(first.createdAt, new Date(`${String(live.created_at)}Z`).toISOString());
      } else {
        const plan = live.protection_plan as { name: string; resources: Array<{ id: string }> };
        assert.equal(first.checkpointId, first.backupId);
        assert.equal(plan.name, "pre-upgrade");
        assert.deepEqual(plan.resources.map((r) => r.id), [server]);
        assert.equal(first.createdAt, `${String(live.created_at)}T00:00:00.000Z`);
        // The plan was the backup's for the time it was made only.
        assert.deepEqual((await api.policies()).map((p) => p.id), []);
      }
    });

    it("shows no changes on a second preview", async () => {
      const again = await stack.preview(["--expect-no-changes"]);
      assert.equal(again.code, 0, again.output);
    });

    it("takes a new backup when triggers change, then deletes the old one with one DELETE", async () => {
      await admin(cloud, "POST", "/csbs/settings", { protectSeconds: 1, listDelaySeconds: 0 });
      await admin(cloud, "DELETE", "/requests");
      setBackups(stack, [backup(["v2"])]);
      const up = await stack.up();
      assert.equal(up.code, 0, up.output);
      const second = (await outputsOf(stack))["before-upgrade"];
      assert.notEqual(second.backupId, first.backupId);
      assert.equal((await liveBackup(api, String(second.backupId)))?.status, "available");
      assert.equal(await liveBackup(api, String(first.backupId)), undefined, "the old backup is gone");
      const log = await requestLog(cloud);
      const creates = log.findIndex((r) => r.method === "POST" && CREATE_PATH.test(r.path));
      const deletes = log.map((r, i) => [r, i] as const).filter(([r]) => r.method === "DELETE" && DELETE_PATH.test(r.path));
      assert.equal(deletes.length, 1, "exactly one DELETE");
      assert.ok(deletes[0][0].path.includes(String(first.checkpointId)));
      assert.ok(creates >= 0 && creates < deletes[0][1], "the new backup was taken before the old one was deleted");
      first = second;
    });

    it("destroys the backup with exactly one DELETE", async () => {
      await admin(cloud, "DELETE", "/requests");
      const down = await stack.destroy();
      assert.equal(down.code, 0, down.output);
      assert.equal(calls(await requestLog(cloud), "DELETE", DELETE_PATH).length, 1);
      assert.equal(await liveBackup(api, String(first.backupId)), undefined);
    });

    it("keeps the backup with retainOnDelete", async () => {
      setBackups(stack, [backup(["v3"], { retainOnDelete: true })]);
      const up = await stack.up();
      assert.equal(up.code, 0, up.output);
      const kept = (await outputsOf(stack))["before-upgrade"];
      await admin(cloud, "DELETE", "/requests");
      const down = await stack.destroy();
      assert.equal(down.code, 0, down.output);
      assert.equal(calls(await requestLog(cloud), "DELETE", DELETE_PATH).length, 0);
      assert.equal((await liveBackup(api, String(kept.backupId)))?.status, "available");
      assert.deepEqual(await stack.resourcesOfType(SERVER_BACKUP_TYPE), []);
    });

    it("fails the up with the service's reason when the backup fails, and leaves nothing in state", async () => {
      const [broken] = serverIds(cloud, "web-051");
      await admin(cloud, "POST", "/csbs/settings", { failReasons: { [broken]: "snapshot of volume vol-7 failed: storage pool full" } });
      setBackups(stack, [{ resource: "doomed", args: { serverId: broken, name: "doomed" } }]);
      const up = await stack.up();
      assert.notEqual(up.code, 0, up.output);
      assert.match(up.output, /snapshot of volume vol-7 failed: storage pool full/);
      assert.deepEqual(await stack.resourcesOfType(SERVER_BACKUP_TYPE), []);
      await admin(cloud, "POST", "/csbs/settings", { failReasons: {} });
    });

    if (d.api === "karbor") {
      it("counts the backup's plan against Karbor's plan quota in the preview", async () => {
        assert.equal(api.dialect, "karbor");
        if (api.dialect !== "karbor") return;
        const outside = await api.createPolicy("outside-the-stack", serverIds(cloud, "web-070"));
        await api.setPlanQuota(1);
        setBackups(stack, [backup(["v5"])]);
        const full = await stack.preview();
        assert.notEqual(full.code, 0, full.output);
        assert.match(full.output, /plan of its own.*exceed the project's plan quota/);
        await api.setPlanQuota(2);
        const room = await stack.preview();
        assert.equal(room.code, 0, room.output);
        await api.deletePolicy(outside.id);
      });
    }

    it("drops a backup deleted in the console on refresh", async () => {
      setBackups(stack, [backup(["v4"])]);
      const up = await stack.up();
      assert.equal(up.code, 0, up.output);
      const made = (await outputsOf(stack))["before-upgrade"];
      await deleteInConsole(api, String(made.backupId), String(made.checkpointId));
      const refresh = await stack.refresh();
      assert.equal(refresh.code, 0, refresh.output);
      assert.deepEqual(await stack.resourcesOfType(SERVER_BACKUP_TYPE), []);
    });
  });
}
