/**
 * The second interface the hooks and lookups use: on-demand backups of one server and the project's backups,
 * whatever the dialect. CSBS makes them with its one-off backup call; Karbor with a checkpoint of a plan that
 * holds only that server (docs/csbs-api-notes.md E #12). The waiting (when to poll, how long) is the caller's:
 * every method here is one step, so tests count requests exactly.
 */
import type { BackupKind, BackupRecord } from "./backup-record";

/** What to back up and how to label it. */
export interface ServerBackupSpec {
  serverId: string;
  name: string;
  description: string;
  incremental: boolean;
  tags: Record<string, string>;
}

/** A started backup: the run it belongs to; the backup itself may not be listed yet. */
export interface StartedBackup {
  checkpointId: string;
  /** The backup (checkpoint item) id when the service already said it; Karbor's is the checkpoint's own. */
  backupId?: string;
  /** A provider-managed plan that must be removed once the backup has ended (Karbor only). */
  planId?: string;
}

/** Which backups: every filter is optional and they combine. */
export interface BackupFilters {
  serverId?: string;
  policyId?: string;
  status?: string;
  /** Created at or after this instant. */
  since?: Date;
  kind?: BackupKind;
  pageSize?: number;
}

/** Why the service refuses to back a server up (check_protectable and its Karbor equivalent). */
export interface NotProtectable {
  code?: string;
  message: string;
}

export interface BackupBackend {
  readonly api: "csbs" | "karbor";
  /** Undefined when the server can be backed up, else the service's reason. */
  checkProtectable(serverId: string): Promise<NotProtectable | undefined>;
  /** One create request. A lost answer is never repeated: the caller gets the error. */
  startBackup(spec: ServerBackupSpec): Promise<StartedBackup>;
  /** The backup of a run, or undefined while the service does not list it yet (right after the create). */
  findBackup(started: StartedBackup): Promise<BackupRecord | undefined>;
  /** The backup by id, or undefined when it is gone. */
  getBackup(ref: BackupRef): Promise<BackupRecord | undefined>;
  /**
   * One delete request for an `available` or `error` backup (the service refuses others: `BackupBusyError` while
   * the backup will end on its own, `BackupNotDeletableError` when it will not). False when it was already gone.
   */
  deleteBackup(ref: BackupRef): Promise<boolean>;
  /** Removes what `startBackup` made besides the backup (Karbor's plan); nothing on CSBS. */
  cleanUp(started: StartedBackup): Promise<void>;
  /** Every backup matching the filters, all pages, newest first. */
  listBackups(filters?: BackupFilters): Promise<BackupRecord[]>;
}

/** How a backup is addressed: reads use the backup id, deletes its checkpoint. */
export interface BackupRef {
  backupId: string;
  checkpointId: string;
}

/** The service refused to delete a backup that is being made, restored or deleted. */
export class BackupBusyError extends Error {
  constructor(readonly backupId: string, readonly status: string | undefined, readonly cause?: unknown) {
    super(`backup ${backupId} is busy${status ? ` (${status})` : ""}: only available or error backups can be deleted`);
    this.name = "BackupBusyError";
  }
}

/**
 * The service refuses to delete a backup whose state neither allows a delete nor changes on its own (Karbor's
 * `error-deleting` after a failed delete): waiting cannot help.
 */
export class BackupNotDeletableError extends Error {
  constructor(readonly backupId: string, readonly status: string, readonly cause?: unknown) {
    super(`backup ${backupId} cannot be deleted in status ${JSON.stringify(status)}, and the service does not leave that status on its own`);
    this.name = "BackupNotDeletableError";
  }
}

/** Newest first; equal instants by id, so the order is stable. */
export function newestFirst(a: BackupRecord, b: BackupRecord): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : 1;
}
