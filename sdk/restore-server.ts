/**
 * `restoreServer`: restores a server from a backup. `planRestore` runs the preflight alone (the guide's rules,
 * then the service's restorability check) so a caller can show the plan and ask before anything is sent.
 * Restoring overwrites the server's disks with the backup's data, cannot be undone, and shuts the server down.
 */
import { asBoolean } from "../provider/domain/coerce";
import { isApiError } from "../provider/clients/api-error";
import type { BackupRecord } from "../provider/backends/backup-record";
import { backupFromCsbsItem } from "../provider/backends/csbs-backup-mapping";
import { connect, type Connection, type ConnectionOptions } from "./connection";
import { jobFromLog } from "./get-jobs";
import { OperationError } from "./operation-error";
import { pollUntil, type WaitOptions } from "./polling";

/** Server states a restore refuses, with the console's words. */
const NOT_RESTORABLE: Record<string, string> = { ERROR: "Faulty", RESIZE: "Resizing", VERIFY_RESIZE: "Verifying resizing" };

export interface RestoreServerArgs {
  /** The backup (checkpoint item) id. */
  backupId: string;
  /** The server to restore onto. @default the server the backup was taken of */
  serverId?: string;
  /** Start the server when the restore ends. @default true */
  powerOn?: boolean;
  /**
   * Source disk id → target disk id of the server. @default each disk to itself, or a single-disk backup to a
   * single-disk server's only disk
   */
  diskMapping?: Record<string, string>;
}

/** One disk of a restore. */
export interface RestoreDisk {
  /** The disk backup inside the backup. */
  backupId: string;
  sourceVolumeId: string;
  sourceSizeGb: number;
  targetVolumeId: string;
  targetSizeGb: number;
}

/** What a restore will do, after every check passed. */
export interface RestorePlan {
  backup: BackupRecord;
  serverId: string;
  serverName: string;
  /** The server's status before the restore. */
  serverStatus: string;
  powerOn: boolean;
  disks: RestoreDisk[];
}

export interface RestoreProgress {
  restoreId: string;
  /** in_progress, success or fail. */
  status: string;
  serverStatus: string;
}

export interface RestoreResult {
  restoreId: string;
  plan: RestorePlan;
  /** The server's status after the restore (ACTIVE, or SHUTOFF with powerOn false). */
  serverStatus: string;
}

interface Disk {
  id: string;
  sizeGb: number;
  bootable: boolean;
}

async function serverDisks(connection: Connection, volumeIds: string[]): Promise<Disk[]> {
  const disks = await Promise.all(volumeIds.map((id) => connection.cinder.getVolume(id)));
  return disks.flatMap((v) => (v ? [{ id: v.id, sizeGb: v.size, bootable: asBoolean(v.bootable) ?? false }] : []));
}

function mapDisks(plan: Pick<RestorePlan, "backup" | "serverId">, disks: Disk[], given: Record<string, string>): RestoreDisk[] {
  const sources = plan.backup.volumeBackups;
  for (const src of Object.keys(given)) {
    if (!sources.some((v) => v.sourceVolumeId === src)) {
      throw new OperationError("disk-mapping-invalid", `--disk ${src}=${given[src]}: ${src} is not a disk of backup ${plan.backup.id} (its disks: ${sources.map((v) => v.sourceVolumeId).join(", ")}); give SRC as one of them`);
    }
  }
  return sources.map((v) => {
    const target = given[v.sourceVolumeId]
      ?? (disks.some((d) => d.id === v.sourceVolumeId) ? v.sourceVolumeId : sources.length === 1 && disks.length === 1 ? disks[0].id : undefined);
    if (target === undefined) {
      throw new OperationError("disk-mapping-invalid", `disk ${v.sourceVolumeId} of backup ${plan.backup.id} is not a disk of server ${plan.serverId}; say where it goes with --disk ${v.sourceVolumeId}=<disk of the server> (diskMapping)`);
    }
    const disk = disks.find((d) => d.id === target);
    if (!disk) {
      throw new OperationError("disk-mapping-invalid", `target disk ${target} is not attached to server ${plan.serverId} (its disks: ${disks.map((d) => d.id).join(", ")}); choose one of its disks`);
    }
    if (!v.bootable && disk.bootable) {
      throw new OperationError("data-disk-to-system-disk", `disk ${v.sourceVolumeId} is a data disk and target ${target} is the server's system disk: data on data disks cannot be restored to system disks; map it to a data disk with --disk ${v.sourceVolumeId}=<data disk>`);
    }
    if (disk.sizeGb < v.sizeGb) {
      throw new OperationError("target-disk-too-small", `target disk ${target} has ${disk.sizeGb} GB but disk ${v.sourceVolumeId} had ${v.sizeGb} GB: a target disk must be at least as large as the original; choose a disk of ${v.sizeGb} GB or more, or extend it first`);
    }
    return { backupId: v.id, sourceVolumeId: v.sourceVolumeId, sourceSizeGb: v.sizeGb, targetVolumeId: target, targetSizeGb: disk.sizeGb };
  });
}

/** Every check of a restore, nothing sent that changes anything. */
export async function planRestore(args: RestoreServerArgs, options: ConnectionOptions = {}): Promise<RestorePlan> {
  const connection = connect(options);
  if (connection.settings.api === "karbor") {
    throw new OperationError("unsupported-dialect", "restoreServer restores CSBS backups; with csbs:api = \"karbor\" it is not available in this version: set csbs:api to \"csbs\" for a CSBS cloud");
  }
  const item = await connection.operations.getCheckpointItem(args.backupId);
  if (!item) throw new OperationError("backup-not-found", `backup ${args.backupId} does not exist in the project; list backups with pulumi-csbs status or getBackups`);
  const backup = backupFromCsbsItem(item);
  if (backup.status !== "available") {
    throw new OperationError("backup-not-available", `backup ${backup.id} is ${backup.status}: only an Available backup can be restored; wait until it is available or choose another backup`);
  }
  const serverId = args.serverId ?? backup.serverId;
  const server = await connection.nova.getServer(serverId);
  if (!server) throw new OperationError("server-not-found", `server ${serverId} does not exist in the project; check the id (--server)`);
  const state = NOT_RESTORABLE[server.status];
  if (state) {
    throw new OperationError("server-state-not-restorable", `server ${server.name} (${serverId}) is ${state} (${server.status}): a server that is Faulty, Resizing or Verifying resizing cannot be restored; repair it or finish the resize, then restore`);
  }
  const disks = await serverDisks(connection, (server["os-extended-volumes:volumes_attached"] ?? []).map((v) => v.id));
  const plan: RestorePlan = { backup, serverId, serverName: server.name, serverStatus: server.status, powerOn: args.powerOn ?? true, disks: [] };
  plan.disks = mapDisks(plan, disks, args.diskMapping ?? {});
  const check = await connection.operations.checkRestorable(backup.id, serverId, plan.disks.map((d) => ({ backup_id: d.backupId, volume_id: d.targetVolumeId })));
  if (!check.result) {
    throw new OperationError("service-refused-restore", `the service says backup ${backup.id} cannot be restored onto server ${serverId}: ${check.error_code ?? "no code"}: ${check.error_msg ?? "no reason given"}; fix what it names and try again`);
  }
  return plan;
}

/** Starts the restore of a checked plan and, unless `wait` is false, waits until it has ended. */
export async function startRestore(plan: RestorePlan, args: WaitOptions & { wait?: boolean; onProgress?: (p: RestoreProgress) => void } = {}, options: ConnectionOptions = {}): Promise<RestoreResult> {
  const connection = connect(options);
  let restoreId: string;
  try {
    restoreId = (await connection.operations.restore(plan.backup.checkpointId, plan.backup.id, plan.serverId, plan.powerOn,
      plan.disks.map((d) => ({ backup_id: d.backupId, volume_id: d.targetVolumeId })))).id;
  } catch (err) {
    if (isApiError(err)) throw new OperationError("service-refused-restore", `the service refused the restore: ${err.message}`, { cause: err });
    throw err;
  }
  if (args.wait === false) return { restoreId, plan, serverStatus: "SHUTOFF" };
  return pollUntil(`the restore ${restoreId} of server ${plan.serverName}`, async () => {
    const [log] = await connection.operations.listOperationLogs({ restore_id: restoreId });
    const server = await connection.nova.getServer(plan.serverId);
    const status = log?.status ?? "in_progress";
    args.onProgress?.({ restoreId, status, serverStatus: server?.status ?? "unknown" });
    if (log && jobFromLog(log).state === "failed") {
      throw new OperationError("operation-failed", `the restore ${restoreId} of server ${plan.serverName} failed: ${jobFromLog(log).reason ?? status}; see pulumi-csbs jobs --failed`);
    }
    return status === "success" ? { restoreId, plan, serverStatus: server?.status ?? "unknown" } : undefined;
  }, args);
}

/** Checks, restores and waits: {@link planRestore} then {@link startRestore}. */
export async function restoreServer(args: RestoreServerArgs & WaitOptions & { onProgress?: (p: RestoreProgress) => void }, options: ConnectionOptions = {}): Promise<RestoreResult> {
  return startRestore(await planRestore(args, options), args, options);
}
