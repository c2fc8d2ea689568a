/**
 * The Karbor backup backend's delete against the local cloud's Karbor over real HTTP: a refused delete is a bare
 * 500, so what it means is read from the checkpoint's status after it, never from the refusal's text.
 */
import assert from "node:assert/strict";
import { BackupBusyError, BackupNotDeletableError, type BackupRef } from "../../../provider/backends/backup-backend";
import { KarborBackupBackend } from "../../../provider/backends/karbor-backup-backend";
import { ApiError } from "../../../provider/clients/api-error";
import { createHttpClient } from "../../../provider/clients/http";
import { KarborClient } from "../../../provider/clients/karbor";
import { resetSessions, Session } from "../../../provider/clients/session";
import { resolveSettings } from "../../../provider/config/resolve-settings";
import type { LocalCloud } from "../../../localcloud";
import { admin, demoStackConfig } from "../../support/cloud";
import { OS_INFRA, serverId, startKarborCloud } from "../../localcloud/karbor/support/karbor-session";
import { fakeClock } from "../clients/support/fake-clock";

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

const CHECKPOINT = (id: string): string => `/providers/${OS_INFRA}/checkpoints/${id}$`;

describe("Karbor backup backend against the local cloud", function () {
  this.timeout(30_000);
  let cloud: LocalCloud;
  let backend: KarborBackupBackend;

  beforeEach(async () => {
    resetSessions();
    cloud = await startKarborCloud();
    const { config, secrets } = demoStackConfig(cloud);
    const all: Record<string, string> = { ...config, ...secrets, "csbs:api": "karbor" };
    // The client repeats a refused DELETE as any 500; its clock only pretends to wait, so the spec never sleeps.
    const session = new Session(resolveSettings({ config: (k) => all[k], env: {} }), { http: createHttpClient({ clock: fakeClock().clock }) });
    backend = new KarborBackupBackend(new KarborClient(session), session);
  });
  afterEach(async () => {
    resetSessions();
    await cloud.close();
  });

  async function backUp(): Promise<BackupRef> {
    const server = serverId(cloud, "web-000");
    assert.equal(await backend.checkProtectable(server), undefined);
    const started = await backend.startBackup({ serverId: server, name: "pre-upgrade", description: "", incremental: false, tags: {} });
    return { backupId: started.checkpointId, checkpointId: started.checkpointId };
  }
  const status = async (ref: BackupRef): Promise<string | undefined> => (await backend.getBackup(ref))?.status;
  const requests = async (): Promise<LoggedRequest[]> => (await admin<{ requests: LoggedRequest[] }>(cloud, "GET", "/requests")).requests;

  it("reports a delete refused while the checkpoint is being made as busy, with the status it read after the refusal", async () => {
    await admin(cloud, "POST", "/csbs/settings", { protectSeconds: 600 });
    const ref = await backUp();
    await admin(cloud, "DELETE", "/requests");
    const refused = await backend.deleteBackup(ref).then(() => undefined, (err: unknown) => err);
    assert.ok(refused instanceof BackupBusyError, `expected BackupBusyError, got ${String(refused)}`);
    assert.equal(refused.status, "protecting");
    assert.ok(refused.cause instanceof ApiError && refused.cause.status === 500, "the refusal is kept as the cause");
    const log = (await requests()).filter((r) => new RegExp(CHECKPOINT(ref.checkpointId)).test(r.path));
    assert.deepEqual(log.slice(-2).map((r) => `${r.method} ${r.status}`), ["DELETE 500", "GET 200"], "the checkpoint was read after the refusal");
    assert.equal(await status(ref), "protecting", "nothing was deleted");
  });

  it("deletes an ended checkpoint at once, and says false once it is gone", async () => {
    const ref = await backUp();
    assert.equal(await status(ref), "available");
    assert.equal(await backend.deleteBackup(ref), true);
    await admin(cloud, "POST", "/clock", { advanceSeconds: 5 });
    assert.equal(await status(ref), undefined);
    assert.equal(await backend.deleteBackup(ref), false);
  });

  it("passes on a 500 of a delete the checkpoint's status allows: the refusal was the service's fault, not the state", async () => {
    const ref = await backUp();
    await admin(cloud, "POST", "/faults", { rules: [{ method: "DELETE", path: CHECKPOINT(ref.checkpointId), status: 500 }] });
    const failed = await backend.deleteBackup(ref).then(() => undefined, (err: unknown) => err);
    assert.ok(failed instanceof ApiError, `expected the service's ApiError, got ${String(failed)}`);
    assert.equal(failed.status, 500);
    assert.equal(await status(ref), "available");
  });

  it("says false when the checkpoint is gone by the time the refusal is read", async () => {
    const gone = "6f1b2a8e-1d0c-4d3e-9a4b-0c8d7e6f5a41";
    await admin(cloud, "POST", "/faults", { rules: [{ method: "DELETE", path: CHECKPOINT(gone), status: 500 }] });
    assert.equal(await backend.deleteBackup({ backupId: gone, checkpointId: gone }), false);
  });

  it("reports a checkpoint Karbor will not leave error-deleting as not deletable, never as busy", async () => {
    const ref = await backUp();
    // The local cloud never fails a delete, so the state a failed one leaves is answered by a fault rule.
    const shown = { checkpoint: { id: ref.checkpointId, project_id: "p", status: "error-deleting", protection_plan: { id: "x", name: "pre-upgrade", resources: [] }, created_at: "2030-01-07" } };
    await admin(cloud, "POST", "/faults", { rules: [
      { method: "DELETE", path: CHECKPOINT(ref.checkpointId), status: 500 },
      { method: "GET", path: CHECKPOINT(ref.checkpointId), status: 200, body: shown },
    ] });
    const refused = await backend.deleteBackup(ref).then(() => undefined, (err: unknown) => err);
    assert.ok(refused instanceof BackupNotDeletableError, `expected BackupNotDeletableError, got ${String(refused)}`);
    assert.equal(refused.status, "error-deleting");
  });
});
