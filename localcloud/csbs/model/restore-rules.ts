/**
 * What the service checks before it restores a server (the user guide's rules): the target server is not
 * Faulty (ERROR), Resizing (RESIZE) or Verifying resizing (VERIFY_RESIZE); every disk backup goes to a disk of
 * the target server; a data disk's backup never goes to a system disk; a target disk is at least as large as
 * the disk that was backed up. Without a disk mapping each disk backup goes back to its own disk, or, when the
 * backup and the server have one disk each, to the server's only disk.
 */
import type { CloudContext, ServerFixture } from "../../core/contracts";
import { DomainError } from "./domain-error";
import type { BackupItem } from "./types";

const NOT_RESTORABLE: Record<string, string> = { ERROR: "Faulty", RESIZE: "Resizing", VERIFY_RESIZE: "Verifying resizing" };

export interface DiskMapping {
  backupId: string;
  volumeId: string;
}

/** The target server, or why it does not exist or cannot be restored now. */
export function restorableServer(ctx: CloudContext, projectId: string, serverId: string): ServerFixture {
  const server = ctx.compute.getServer(projectId, serverId);
  if (!server) throw new DomainError("server-missing", `Server (${serverId}) does not exist in this project; check the server id`, serverId);
  const state = NOT_RESTORABLE[server.status];
  if (state) {
    throw new DomainError("restore-server-status",
      `Server (${serverId}) is ${state} (${server.status}); a server that is Faulty, Resizing or Verifying resizing cannot be restored: repair or finish resizing it first`, serverId);
  }
  return server;
}

/** The checked disk mapping of a restore of `item` onto `server`. */
export function checkDiskMapping(ctx: CloudContext, item: BackupItem, server: ServerFixture, given: DiskMapping[]): DiskMapping[] {
  let mapping = given;
  if (mapping.length === 0) {
    if (item.volumes.every((v) => server.volumeIds.includes(v.volumeId))) {
      mapping = item.volumes.map((v) => ({ backupId: v.id, volumeId: v.volumeId }));
    } else if (item.volumes.length === 1 && server.volumeIds.length === 1) {
      mapping = [{ backupId: item.volumes[0].id, volumeId: server.volumeIds[0] }];
    } else {
      throw new DomainError("restore-disk-mapping",
        `the backup's disks are not disks of server ${server.id}; give targets.volumes [{"backup_id", "volume_id"}] for each disk backup`, server.id);
    }
  }
  for (const m of mapping) {
    const source = item.volumes.find((v) => v.id === m.backupId);
    if (!source) {
      throw new DomainError("restore-disk-mapping", `targets.volumes names disk backup ${m.backupId}, which backup ${item.id} does not hold; use the ids of its volume_backups`, m.backupId);
    }
    const target = server.volumeIds.includes(m.volumeId) ? ctx.compute.getVolume(server.projectId, m.volumeId) : undefined;
    if (!target) {
      throw new DomainError("restore-disk-mapping", `targets.volumes names disk ${m.volumeId}, which is not attached to server ${server.id}; give one of its disks`, m.volumeId);
    }
    if (!source.bootable && target.bootable) {
      throw new DomainError("restore-data-to-system",
        `disk backup ${source.id} is of a data disk and disk ${target.id} is a system disk: data on data disks cannot be restored to system disks; choose a data disk`, target.id);
    }
    if (target.sizeGb < source.sizeGb) {
      throw new DomainError("restore-disk-too-small",
        `disk ${target.id} has ${target.sizeGb} GB and the backed-up disk ${source.volumeId} had ${source.sizeGb} GB: a target disk must be at least as large as the original; choose a larger disk`, target.id);
    }
  }
  return mapping;
}
