import * as assert from "node:assert/strict";
import { BackupBusyError, BackupNotDeletableError, type BackupBackend, type BackupRef, type StartedBackup } from "../../../provider/backends/backup-backend";
import type { BackupRecord } from "../../../provider/backends/backup-record";
import { BackupLifecycleError, removeBackup, takeBackup } from "../../../provider/hooks/backup-lifecycle";
import { fakeClock } from "../clients/support/fake-clock";


function record(status: string, extra: Partial<BackupRecord> = {}): BackupRecord {
  return {
    id: "item-1", checkpointId: "cp-1", name: "pre", description: "", serverId: "srv", serverName: "web", status, kind: "manual",
    incremental: false, sizeMb: 10, createdAt: "2030-01-01T00:00:00.000Z", volumeBackups: [], ...extra,
  };
}

/** A backend whose answers are scripted: `finds` for the list by checkpoint, `gets` for reads by id (last one repeats). */
function scripted(script: { refusal?: string; finds?: Array<BackupRecord | undefined>; gets?: Array<BackupRecord | undefined>; deletes?: Array<"ok" | "busy" | "stuck"> }) {
  const calls: string[] = [];
  const next = <T>(list: T[] | undefined, fallback: T): T => (list && list.length > 1 ? list.shift()! : list?.[0] ?? fallback);
  const backend: BackupBackend = {
    api: "csbs",
    checkProtectable: async () => (calls.push("check"), script.refusal ? { code: "CSBS.6004", message: script.refusal } : undefined),
    startBackup: async (): Promise<StartedBackup> => (calls.push("start"), { checkpointId: "cp-1" }),
    findBackup: async () => (calls.push("find"), next(script.finds, undefined)),
    getBackup: async (_ref: BackupRef) => (calls.push("get"), next(script.gets, undefined)),
    deleteBackup: async () => {
      calls.push("delete");
      const answer = next(script.deletes, "ok");
      if (answer === "busy") throw new BackupBusyError("item-1", "protecting");
      if (answer === "stuck") throw new BackupNotDeletableError("item-1", "error-deleting");
      return true;
    },
    cleanUp: async () => void calls.push("cleanUp"),
    listBackups: async () => [],
  };
  return { backend, calls };
}

const SPEC = { serverId: "srv", name: "pre", description: "", incremental: true, tags: {} };
const REF = { backupId: "item-1", checkpointId: "cp-1" };

async function rejects(p: Promise<unknown>, rule: string, text?: RegExp): Promise<BackupLifecycleError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof BackupLifecycleError, String(err));
    assert.equal(err.rule, rule);
    if (text) assert.match(err.message, text);
    return err;
  }
  assert.fail("expected a rejection");
}

describe("taking an on-demand backup", () => {
  it("sends one create, keeps looking while the list is empty, then polls with doubling pauses until available", async () => {
    const { clock, sleeps } = fakeClock();
    const { backend, calls } = scripted({ finds: [undefined, undefined, record("protecting")], gets: [record("protecting"), record("protecting"), record("available")] });
    const done = await takeBackup(backend, SPEC, "ServerBackup \"b\"", { clock });
    assert.equal(done.status, "available");
    assert.deepEqual(calls, ["check", "start", "find", "find", "find", "get", "get", "get", "cleanUp"]);
    assert.deepEqual(sleeps, [1000, 2000, 1000, 2000]);
  });

  it("caps the pause between polls at 10 s", async () => {
    const { clock, sleeps } = fakeClock();
    const protecting = Array.from({ length: 8 }, () => record("protecting"));
    const { backend } = scripted({ finds: [record("protecting")], gets: [...protecting, record("available")] });
    await takeBackup(backend, SPEC, "b", { clock });
    assert.deepEqual(sleeps, [1000, 2000, 4000, 8000, 10000, 10000, 10000, 10000]);
  });

  it("refuses a server check_protectable refuses, before any create", async () => {
    const { backend, calls } = scripted({ refusal: "Server (srv) is already in service." });
    await rejects(takeBackup(backend, SPEC, "b", { clock: fakeClock().clock }), "serverBackup.notProtectable", /CSBS\.6004 Server \(srv\) is already in service\..*runPolicyNow/);
    assert.deepEqual(calls, ["check"]);
  });

  it("fails with the service's reason when the backup ends in error, and deletes the failed backup once", async () => {
    const { backend, calls } = scripted({ finds: [record("protecting")], gets: [record("error", { failReason: "storage pool full" })] });
    await rejects(takeBackup(backend, SPEC, "b", { clock: fakeClock().clock }), "serverBackup.failed", /storage pool full.*being deleted/);
    assert.equal(calls.filter((c) => c === "delete").length, 1);
    assert.equal(calls.at(-1), "cleanUp");
  });

  it("gives up at customTimeouts.create, naming the checkpoint, and still cleans up", async () => {
    const { clock } = fakeClock();
    const { backend, calls } = scripted({ finds: [record("protecting")], gets: [record("protecting")] });
    await rejects(takeBackup(backend, SPEC, "b", { clock, timeoutMs: 20_000 }), "serverBackup.createTimeout", /checkpoint cp-1.*20 s \(customTimeouts\.create\)/);
    assert.ok(clock.now() <= 20_000, `waited ${clock.now()} ms`);
    assert.equal(calls.at(-1), "cleanUp");
  });
});

describe("deleting an on-demand backup", () => {
  it("sends one DELETE, then only reads until the backup is gone", async () => {
    const { backend, calls } = scripted({ gets: [record("available"), record("deleting"), record("deleting"), undefined] });
    await removeBackup(backend, REF, "b", { clock: fakeClock().clock });
    assert.deepEqual(calls, ["get", "delete", "get", "get", "get"]);
  });

  it("waits for a backup that is being made before sending its DELETE", async () => {
    const { backend, calls } = scripted({ gets: [record("protecting"), record("protecting"), record("available"), undefined] });
    await removeBackup(backend, REF, "b", { clock: fakeClock().clock });
    assert.deepEqual(calls, ["get", "get", "get", "delete", "get"]);
  });

  it("sends no DELETE for a backup that is already being deleted", async () => {
    const { backend, calls } = scripted({ gets: [record("deleting"), undefined] });
    await removeBackup(backend, REF, "b", { clock: fakeClock().clock });
    assert.equal(calls.filter((c) => c === "delete").length, 0);
  });

  it("after a DELETE refused as busy, looks again rather than repeating it", async () => {
    const { backend, calls } = scripted({ gets: [record("available"), record("deleting"), undefined], deletes: ["busy"] });
    await removeBackup(backend, REF, "b", { clock: fakeClock().clock });
    assert.deepEqual(calls, ["get", "delete", "get", "get"]);
  });

  it("fails with serverBackup.notDeletable, naming the status, when the service will not delete it and waiting cannot help", async () => {
    const { backend, calls } = scripted({ gets: [record("error-deleting")], deletes: ["stuck"] });
    await rejects(removeBackup(backend, REF, "b", { clock: fakeClock().clock }), "serverBackup.notDeletable", /backup item-1 in status "error-deleting".*cloud operator/);
    assert.deepEqual(calls, ["get", "delete"], "one DELETE, no waiting");
  });

  it("treats a backup that is already gone as deleted", async () => {
    const { backend, calls } = scripted({ gets: [undefined] });
    await removeBackup(backend, REF, "b", { clock: fakeClock().clock });
    assert.deepEqual(calls, ["get"]);
  });

  it("gives up at customTimeouts.delete while the service is still deleting", async () => {
    const { clock } = fakeClock();
    const { backend } = scripted({ gets: [record("available"), record("deleting")] });
    await rejects(removeBackup(backend, REF, "b", { clock, timeoutMs: 15_000 }), "serverBackup.deleteTimeout", /15 s \(customTimeouts\.delete\)/);
    assert.ok(clock.now() <= 15_000);
  });
});
