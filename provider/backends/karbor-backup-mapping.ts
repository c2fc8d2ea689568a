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

/**
 * What a refused checkpoint delete means, from the checkpoint's status read after the refusal (Karbor deletes
 * only `available` and `error` checkpoints; docs/csbs-api-notes.md A.5):
 * - `gone`: deleted meanwhile (no checkpoint, or `deleted`): the delete has nothing left to do;
 * - `busy`: being made, copied or deleted: it ends on its own, so the caller waits and looks again;
 * - `stuck`: a state Karbor neither deletes nor leaves on its own (`error-deleting` after a failed delete, a
 *   finished copy, a status this code does not know): waiting cannot help, an operator has to act;
 * - `deletable`: the state allows the delete, so the refusal was a fault of the service: pass it on.
 */
export type DeleteRefusal = "gone" | "busy" | "stuck" | "deletable";

const REFUSAL_BY_STATUS: Readonly<Record<string, DeleteRefusal>> = {
  deleted: "gone",
  protecting: "busy",
  deleting: "busy",
  wait_copying: "busy",
  copying: "busy",
  available: "deletable",
  error: "deletable",
};

export function deleteRefusalOf(status: string | undefined): DeleteRefusal {
  if (status === undefined) return "gone";
  return Object.hasOwn(REFUSAL_BY_STATUS, status) ? REFUSAL_BY_STATUS[status]! : "stuck";
}
