/**
 * BackupBackend over Karbor v1 (docs/csbs-api-notes.md E #12). Karbor has no one-off backup: a ServerBackup is
 * a checkpoint of a plan that holds only that server. The plan is created just before the checkpoint and
 * deleted once the checkpoint has ended (Karbor keeps a checkpoint, and restores and deletes it, without its
 * plan), so it takes one of the project's plans only while the backup is being made. The backup's name is the
 * plan's name, which the checkpoint keeps in `protection_plan.name`; Karbor keeps no description or tags.
 */
import { isApiError } from "../clients/api-error";
import type { KarborClient } from "../clients/karbor";
import { KarborCheckpointClient } from "../clients/karbor-checkpoints";
import type { Session } from "../clients/session";
import { KARBOR_OS_INFRA_PROVIDER_ID, KARBOR_SERVER_TYPE, type KarborCheckpoint } from "../wire/karbor";
import { BackupBusyError, BackupNotDeletableError, newestFirst, type BackupBackend, type BackupFilters, type BackupRef, type NotProtectable, type ServerBackupSpec, type StartedBackup } from "./backup-backend";
import type { BackupRecord } from "./backup-record";
import { backupsFromKarborCheckpoint, deleteRefusalOf } from "./karbor-backup-mapping";

/** Karbor's checkpoint statuses that mean "no longer there". */
const GONE = new Set(["deleted"]);

function reasonOf(errorInfo: unknown): string | undefined {
  if (typeof errorInfo !== "string" || errorInfo === "") return undefined;
  try {
    const parsed = JSON.parse(errorInfo) as { code?: unknown; message?: unknown };
    if (typeof parsed.message === "string") return typeof parsed.code === "string" ? `${parsed.code}: ${parsed.message}` : parsed.message;
  } catch {
    // Not JSON: the text itself is the reason.
  }
  return errorInfo;
}

export class KarborBackupBackend implements BackupBackend {
  readonly api = "karbor" as const;
  private readonly checkpoints: KarborCheckpointClient;
  /** Server names seen by checkProtectable, for the plan's resource entry. */
  private readonly names = new Map<string, string>();

  constructor(private readonly plans: KarborClient, session: Session) {
    this.checkpoints = new KarborCheckpointClient(session);
  }

  async checkProtectable(serverId: string): Promise<NotProtectable | undefined> {
    const instance = await this.checkpoints.serverInstance(serverId);
    if (!instance) return { code: "itemNotFound", message: `Karbor's protectables have no server ${serverId}; check the server id` };
    this.names.set(serverId, instance.name);
    return undefined;
  }

  async startBackup(spec: ServerBackupSpec): Promise<StartedBackup> {
    const plan = await this.plans.createPlan({
      plan: {
        name: spec.name,
        description: spec.description,
        provider_id: KARBOR_OS_INFRA_PROVIDER_ID,
        parameters: {},
        resources: [{ id: spec.serverId, type: KARBOR_SERVER_TYPE, name: this.names.get(spec.serverId) ?? spec.serverId }],
      },
    });
    try {
      const checkpoint = await this.checkpoints.createCheckpoint(plan.id);
      return { checkpointId: checkpoint.id, backupId: checkpoint.id, planId: plan.id };
    } catch (err) {
      await this.plans.deletePlan(plan.id).catch(() => undefined);
      throw err;
    }
  }

  async findBackup(started: StartedBackup): Promise<BackupRecord | undefined> {
    return this.getBackup({ backupId: started.checkpointId, checkpointId: started.checkpointId });
  }

  async getBackup(ref: BackupRef): Promise<BackupRecord | undefined> {
    const checkpoint = await this.checkpoints.getCheckpoint(ref.checkpointId);
    if (!checkpoint || GONE.has(checkpoint.status)) return undefined;
    const [record] = backupsFromKarborCheckpoint(checkpoint);
    if (!record) return undefined;
    if (record.status === "error") {
      const logs = await this.checkpoints.checkpointLogs(checkpoint.id).catch(() => []);
      const reason = logs.map((l) => reasonOf(l.error_info)).find((r) => r !== undefined);
      if (reason) record.failReason = reason;
    }
    return record;
  }

  async deleteBackup(ref: BackupRef): Promise<boolean> {
    try {
      return await this.checkpoints.deleteCheckpoint(ref.checkpointId);
    } catch (err) {
      // Karbor refuses a checkpoint in the wrong state with a bare 500 that carries no code (docs/csbs-api-notes.md
      // A.5): the checkpoint's own status, read after the refusal, says what the refusal was.
      if (!isApiError(err, 500)) throw err;
      const checkpoint = await this.checkpoints.getCheckpoint(ref.checkpointId);
      const status = checkpoint?.status;
      switch (deleteRefusalOf(status)) {
        case "gone":
          return false;
        case "busy":
          throw new BackupBusyError(ref.backupId, status, err);
        case "stuck":
          throw new BackupNotDeletableError(ref.backupId, status ?? "", err);
        case "deletable":
          throw err;
      }
    }
  }

  async cleanUp(started: StartedBackup): Promise<void> {
    if (started.planId) await this.plans.deletePlan(started.planId);
  }

  async listBackups(filters: BackupFilters = {}): Promise<BackupRecord[]> {
    const [checkpoints, plans] = await Promise.all([
      this.checkpoints.listCheckpoints({ planId: filters.policyId, pageSize: filters.pageSize }),
      this.plans.listPlans(),
    ]);
    const live = new Set(plans.map((p) => p.id));
    // Karbor's created_at is a date: `since` compares by day, as its own start_date filter does.
    const sinceDay = filters.since?.toISOString().slice(0, 10);
    const records = checkpoints
      .filter((c: KarborCheckpoint) => !GONE.has(c.status))
      .flatMap((c) => backupsFromKarborCheckpoint(c, live))
      .filter((b) => filters.serverId === undefined || b.serverId === filters.serverId)
      .filter((b) => filters.status === undefined || b.status === filters.status)
      .filter((b) => filters.kind === undefined || b.kind === filters.kind)
      .filter((b) => sinceDay === undefined || b.createdAt.slice(0, 10) >= sinceDay);
    return records.sort(newestFirst);
  }
}
