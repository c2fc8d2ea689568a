/**
 * Karbor checkpoints over the shared checkpoints and backups: a checkpoint's status comes from its backups
 * (protecting → available | error, deleting); a checkpoint of a plan without servers has no backup and keeps its
 * status in `karbor.checkpoint_states`.
 */
import { collection } from "../../core/collection";
import type { CloudContext } from "../../core/contracts";
import { requestDelete, startRun } from "../../csbs/model/backups";
import { DomainError } from "../../csbs/model/domain-error";
import { COLLECTIONS, type BackupItem, type CheckpointRecord } from "../../csbs/model/types";
import { checkpointStatus } from "../../csbs/routes/views";
import { accessCheckpointNotAllowed, badRequest, isUuidLike, limitExceeded, NOT_FOUND, serviceException } from "../faults";
import type { Plan } from "./plans";
import { checkpointsInUse, getQuota } from "./quotas";

const STATES = collection<StateRecord>("karbor.checkpoint_states");

interface StateRecord {
  id: string;
  status: string;
}

export function itemsOf(ctx: CloudContext, checkpointId: string): BackupItem[] {
  return ctx.store.list(COLLECTIONS.items).filter((i) => i.checkpointId === checkpointId);
}

export function statusOf(ctx: CloudContext, checkpoint: CheckpointRecord, items = itemsOf(ctx, checkpoint.id)): string {
  if (items.length === 0) return ctx.store.get(STATES, checkpoint.id)?.status ?? "available";
  return checkpointStatus(items);
}

export function getCheckpoint(ctx: CloudContext, projectId: string | undefined, id: string): CheckpointRecord {
  if (!isUuidLike(id)) throw badRequest("Invalid checkpoint id provided.");
  const c = ctx.store.get(COLLECTIONS.checkpoints, id);
  if (!c) throw NOT_FOUND.checkpoint(id);
  // The protection service checks the project after finding the checkpoint: another project's is 403, not 404.
  if (projectId !== undefined && c.projectId !== projectId) throw accessCheckpointNotAllowed(id);
  return c;
}

export function createCheckpoint(ctx: CloudContext, plan: Plan): CheckpointRecord {
  const quota = getQuota(ctx, plan.extra.projectId).checkpoints;
  if (quota >= 0 && checkpointsInUse(ctx, plan.extra.projectId) + 1 > quota) {
    throw limitExceeded("checkpoints", quota);
  }
  try {
    return startRun(ctx, {
      projectId: plan.extra.projectId, policyId: plan.policy.id, planId: plan.policy.id, planName: plan.policy.name,
      servers: plan.policy.servers, at: ctx.clock.now(), automatic: false,
    }).checkpoint;
  } catch (e) {
    if (e instanceof DomainError) throw badRequest(`Create checkpoint failed: ${e.message}`);
    throw e;
  }
}

export function deleteCheckpoint(ctx: CloudContext, checkpoint: CheckpointRecord): void {
  const items = itemsOf(ctx, checkpoint.id);
  const status = statusOf(ctx, checkpoint, items);
  // Karbor's CheckpointNotBeDeleted is a bare KarborException: the client sees 500.
  if (status !== "available" && status !== "error") throw serviceException("CheckpointNotBeDeleted", `The checkpoint ${checkpoint.id} can not be deleted.`);
  if (items.length === 0) {
    ctx.store.delete(COLLECTIONS.checkpoints, checkpoint.id);
    ctx.store.delete(STATES, checkpoint.id);
    return;
  }
  requestDelete(ctx, checkpoint.projectId, checkpoint.id);
}

export function resetCheckpointState(ctx: CloudContext, checkpoint: CheckpointRecord, state: string): void {
  const items = itemsOf(ctx, checkpoint.id);
  const status = statusOf(ctx, checkpoint, items);
  if (status !== "available" && status !== "error") throw badRequest(`The checkpoint ${checkpoint.id} can not be reset.`);
  if (items.length === 0) {
    ctx.store.put(STATES, { id: checkpoint.id, status: state });
    return;
  }
  const now = ctx.clock.now().toISOString();
  for (const item of items) ctx.store.put(COLLECTIONS.items, { ...item, status: state as BackupItem["status"], updatedAt: now });
}
