/**
 * BackupBackend over CSBS v1 (docs/csbs-api-notes.md B.4, B.5): `check_protectable`, the one-off backup call
 * (whose answer is the checkpoint, not the backup), `GET /checkpoint_items?checkpoint_id=` to find the backup
 * (empty for a moment right after the create: OTC TF #1358), and a delete through the checkpoint.
 */
import { isApiError } from "../clients/api-error";
import { outcomeUnknown } from "../clients/outcome";
import type { CsbsClient } from "../clients/csbs";
import type { CsbsOperationsClient } from "../clients/csbs-operations";
import { backupFromCsbsItem } from "./csbs-backup-mapping";
import { BackupBusyError, newestFirst, type BackupBackend, type BackupFilters, type BackupRef, type NotProtectable, type ServerBackupSpec, type StartedBackup } from "./backup-backend";
import type { BackupRecord } from "./backup-record";

/** `start_time` as the service's filter text (UTC, no zone). */
function filterTime(at: Date): string {
  return at.toISOString().slice(0, 19);
}

export class CsbsBackupBackend implements BackupBackend {
  readonly api = "csbs" as const;

  constructor(
    private readonly csbs: CsbsClient,
    private readonly operations: CsbsOperationsClient,
  ) {}

  async checkProtectable(serverId: string): Promise<NotProtectable | undefined> {
    const answer = await this.operations.checkProtectable(serverId);
    if (answer.result) return undefined;
    return { code: answer.error_code, message: answer.error_msg ?? "the service says the server cannot be backed up" };
  }

  /**
   * One create request. When its answer is lost (the service may have started the backup), the server's
   * backup of this name that is being made is taken as this one: a server has at most one backup running, so
   * it cannot be someone else's of the same name started in between. Otherwise the error goes on.
   */
  async startBackup(spec: ServerBackupSpec): Promise<StartedBackup> {
    try {
      return await this.sendCreate(spec);
    } catch (err) {
      if (!outcomeUnknown(err)) throw err;
      const running = (await this.csbs.listCheckpointItems({ resource_id: spec.serverId, status: "protecting" })).find((i) => i.name === spec.name);
      if (running) return { checkpointId: running.checkpoint_id, backupId: running.id };
      throw err;
    }
  }

  private async sendCreate(spec: ServerBackupSpec): Promise<StartedBackup> {
    const checkpoint = await this.operations.protectServer(spec.serverId, {
      protect: {
        backup_name: spec.name,
        description: spec.description,
        incremental: spec.incremental,
        resource_type: "OS::Nova::Server",
        ...(Object.keys(spec.tags).length > 0 ? { tags: Object.entries(spec.tags).map(([key, value]) => ({ key, value })) } : {}),
      },
    });
    return { checkpointId: checkpoint.id };
  }

  async findBackup(started: StartedBackup): Promise<BackupRecord | undefined> {
    const items = await this.csbs.listCheckpointItems({ checkpoint_id: started.checkpointId });
    return items[0] ? backupFromCsbsItem(items[0]) : undefined;
  }

  async getBackup(ref: BackupRef): Promise<BackupRecord | undefined> {
    const item = await this.operations.getCheckpointItem(ref.backupId);
    return item ? backupFromCsbsItem(item) : undefined;
  }

  async deleteBackup(ref: BackupRef): Promise<boolean> {
    try {
      return await this.operations.deleteBackup(ref.checkpointId, ref.backupId);
    } catch (err) {
      // CSBS.2003 "item in executing": being made, restored or already deleting; nothing was started.
      if (isApiError(err, 400) && err.code === "CSBS.2003") throw new BackupBusyError(ref.backupId, undefined, err);
      throw err;
    }
  }

  async cleanUp(): Promise<void> {
    // CSBS's hidden pseudo-plan (`fake_<uuid>`) is the service's own business.
  }

  async listBackups(filters: BackupFilters = {}): Promise<BackupRecord[]> {
    const items = await this.csbs.listCheckpointItems({
      resource_id: filters.serverId,
      policy_id: filters.policyId,
      status: filters.status,
      start_time: filters.since ? filterTime(filters.since) : undefined,
      sort: "created_at:desc",
      limit: filters.pageSize,
    });
    const records = items.map(backupFromCsbsItem);
    return (filters.kind ? records.filter((b) => b.kind === filters.kind) : records).sort(newestFirst);
  }
}
