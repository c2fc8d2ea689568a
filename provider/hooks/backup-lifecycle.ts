/**
 * Taking and removing one on-demand backup, step by step over a BackupBackend, with spaced polls (doubling
 * pauses, capped) and one deadline per operation (the resource's `customTimeouts`). Deliberately not the
 * OTC Terraform loops: the backup is found through its checkpoint id, tolerating the moment the service does
 * not list it yet (#1358), and a delete sends one DELETE and then only reads (their loop re-sends DELETE on
 * every poll). A clock is a parameter, so the schedules are unit-tested without waiting.
 */
import { BackupBusyError, BackupNotDeletableError, type BackupBackend, type BackupRef, type ServerBackupSpec } from "../backends/backup-backend";
import type { BackupRecord } from "../backends/backup-record";
import type { RuleId } from "../domain/rule-ids";
import { systemClock, waitFor, type Clock, type WaitPolicy } from "../clients/retry";
import { UserFacingError } from "./user-facing-error";

/** A create or delete that failed for a reason of its own (not an API error), with a stable rule id. */
export class BackupLifecycleError extends UserFacingError {
  constructor(readonly rule: RuleId, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** How often to look: 1 s, 2 s, 4 s, then every 10 s (a backup takes minutes on a real cloud). */
export const BACKUP_POLLS: Readonly<Omit<WaitPolicy, "timeoutMs">> = Object.freeze({ initialDelayMs: 1_000, maxDelayMs: 10_000 });

/** The service's own bound for a backup or a delete task (and Terraform's default). */
export const DEFAULT_BACKUP_TIMEOUT_MS = 30 * 60_000;

export interface LifecycleOptions {
  /** @default DEFAULT_BACKUP_TIMEOUT_MS */
  timeoutMs?: number;
  clock?: Clock;
  polls?: Omit<WaitPolicy, "timeoutMs">;
}

const ENDED = new Set(["available", "error"]);
/** Statuses during which the service refuses a delete and the backup will end on its own. */
const BUSY = new Set(["protecting", "waiting_protect", "restoring", "waiting_restore"]);
const DELETING = new Set(["deleting", "waiting_delete"]);

function seconds(ms: number): number {
  return Math.round(ms / 1000);
}

/**
 * check_protectable, one create request, then waits until the backup is available. A backup that ends in
 * `error` is deleted (one DELETE, not awaited) and the service's reason thrown, so nothing stays behind.
 * @param label how the user knows the resource, e.g. `ServerBackup "before-upgrade"`
 */
export async function takeBackup(backend: BackupBackend, spec: ServerBackupSpec, label: string, options: LifecycleOptions = {}): Promise<BackupRecord> {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? DEFAULT_BACKUP_TIMEOUT_MS;
  const polls = options.polls ?? BACKUP_POLLS;
  const deadline = clock.now() + timeoutMs;
  const refusal = await backend.checkProtectable(spec.serverId);
  if (refusal) {
    throw new BackupLifecycleError(
      "serverBackup.notProtectable",
      `${label}: server ${spec.serverId} cannot be backed up: ${refusal.code ? `${refusal.code} ` : ""}${refusal.message}` +
        (refusal.code === "CSBS.6004" ? "; CSBS takes on-demand backups only of servers outside every policy: back a server of a policy up with runPolicyNow (pulumi-csbs backup-now)" : ""),
    );
  }
  const started = await backend.startBackup(spec);
  const timedOut = (what: string) => () =>
    new BackupLifecycleError(
      "serverBackup.createTimeout",
      `${label}: the backup of server ${spec.serverId} (checkpoint ${started.checkpointId}) was ${what} after ${seconds(timeoutMs)} s (customTimeouts.create); ` +
        "it goes on in the service and is not in the state: delete it in the console or with the CSBS API once it has ended, or raise customTimeouts.create and run again",
    );
  try {
    const listed = await waitFor(() => backend.findBackup(started), { ...polls, timeoutMs: deadline - clock.now() }, timedOut("not listed yet"), clock);
    const ref = { backupId: listed.id, checkpointId: listed.checkpointId };
    const ended = ENDED.has(listed.status)
      ? listed
      : await waitFor(
          async () => {
            const b = await backend.getBackup(ref);
            if (!b) throw vanished(label, ref.backupId);
            return ENDED.has(b.status) ? b : undefined;
          },
          { ...polls, timeoutMs: deadline - clock.now() },
          timedOut("not available yet"),
          clock,
        );
    if (ended.status === "error") {
      const removal = await backend.deleteBackup(ref).then(
        () => `the failed backup ${ref.backupId} is being deleted`,
        () => `the failed backup ${ref.backupId} stays in the service: delete it in the console`,
      );
      throw new BackupLifecycleError(
        "serverBackup.failed",
        `${label}: the backup of server ${ended.serverName || spec.serverId} (${spec.serverId}) failed: ${ended.failReason ?? "the service gave no reason"}; ${removal}; fix the cause and run again`,
      );
    }
    return ended;
  } finally {
    await backend.cleanUp(started).catch(() => undefined);
  }
}

function vanished(label: string, backupId: string): BackupLifecycleError {
  return new BackupLifecycleError("serverBackup.vanished", `${label}: backup ${backupId} disappeared while it was being made (deleted in the console?); run again to take a new one`);
}

function notDeletable(label: string, err: BackupNotDeletableError): BackupLifecycleError {
  return new BackupLifecycleError(
    "serverBackup.notDeletable",
    `${label}: the service refuses to delete backup ${err.backupId} in status "${err.status}", which it does not leave on its own` +
      " (error-deleting: a delete failed in the service); ask the cloud operator to remove the checkpoint or reset its state to available," +
      " then run again, or drop the resource from the state with pulumi state delete",
    { cause: err },
  );
}

const GONE = Symbol("gone");

/**
 * Deletes a backup: waits while it is being made or restored, sends one DELETE, then only reads until it is
 * gone (the service queues deletions, at most 5 at a time). A DELETE is sent again only after the service
 * refused the previous one as busy (nothing was started then). Missing is success.
 */
export async function removeBackup(backend: BackupBackend, ref: BackupRef, label: string, options: LifecycleOptions = {}): Promise<void> {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? DEFAULT_BACKUP_TIMEOUT_MS;
  const polls = options.polls ?? BACKUP_POLLS;
  const deadline = clock.now() + timeoutMs;
  const timedOut = (what: string) => () =>
    new BackupLifecycleError(
      "serverBackup.deleteTimeout",
      `${label}: backup ${ref.backupId} was ${what} after ${seconds(timeoutMs)} s (customTimeouts.delete); the service goes on with it: run the command again later, or raise customTimeouts.delete`,
    );
  const read = async (): Promise<BackupRecord | typeof GONE> => (await backend.getBackup(ref)) ?? GONE;
  let current = await read();
  for (;;) {
    if (current === GONE) return;
    if (DELETING.has(current.status)) break;
    if (BUSY.has(current.status)) {
      current = await waitFor(async () => {
        const b = await read();
        return b === GONE || !BUSY.has(b.status) ? b : undefined;
      }, { ...polls, timeoutMs: deadline - clock.now() }, timedOut("still busy"), clock);
      continue;
    }
    try {
      if (!(await backend.deleteBackup(ref))) return;
      break;
    } catch (err) {
      if (err instanceof BackupNotDeletableError) throw notDeletable(label, err);
      if (!(err instanceof BackupBusyError)) throw err;
      // Refused, so nothing started: look again (it may be deleting already, or still being made).
      await clock.sleep(polls.initialDelayMs);
      if (clock.now() > deadline) throw timedOut("still busy")();
      current = await read();
    }
  }
  await waitFor(async () => ((await read()) === GONE ? true : undefined), { ...polls, timeoutMs: deadline - clock.now() }, timedOut("still being deleted"), clock);
}
