/**
 * Karbor checkpoints → BackupRecord (docs/csbs-api-notes.md E #12). A checkpoint is one run of a plan over all
 * its servers and has no per-server items, so it becomes one record per server it covers, each with the
 * checkpoint's id (what Karbor's restores and deletes take). Karbor reports no sizes, disks or reason, and
 * `created_at` only as a date.
 */
import { asUtcInstant } from "../domain/coerce";
import { KARBOR_SERVER_TYPE, type KarborCheckpoint } from "../wire/karbor";
import type { BackupKind, BackupRecord } from "./backup-record";

/** `extra_info` is a JSON text; the operation engine writes `created_by: "operation-engine"`. */
function kindOf(checkpoint: KarborCheckpoint): BackupKind {
  try {
    const info = JSON.parse(checkpoint.extra_info ?? "{}") as { created_by?: unknown };
    return info.created_by === "operation-engine" ? "automatic" : "manual";
  } catch {
    return "manual";
  }
}

/**
 * The records of one checkpoint. `livePlanIds`: the plans that still exist; a checkpoint of a plan that is
 * gone (such as the provider's one-server plan of a ServerBackup) names no policy.
 */
export function backupsFromKarborCheckpoint(checkpoint: KarborCheckpoint, livePlanIds?: ReadonlySet<string>): BackupRecord[] {
  const plan = checkpoint.protection_plan;
  const servers = (plan?.resources ?? []).filter((r) => r.type === KARBOR_SERVER_TYPE);
  const policyId = plan?.id && (!livePlanIds || livePlanIds.has(plan.id)) ? plan.id : undefined;
  return servers.map((server) => {
    const record: BackupRecord = {
      id: checkpoint.id,
      checkpointId: checkpoint.id,
      name: plan?.name ?? "",
      description: "",
      serverId: server.id,
      serverName: server.name ?? "",
      status: checkpoint.status,
      kind: kindOf(checkpoint),
      incremental: false,
      sizeMb: 0,
      createdAt: asUtcInstant(checkpoint.created_at) ?? "",
      volumeBackups: [],
    };
    if (policyId) record.policyId = policyId;
    return record;
  });
}
