/**
 * Scheduled operations (`protect`, `retention_protect`). They cannot be updated (no PUT upstream); create and
 * delete resynchronize the plan's schedule (./sync.ts).
 */
import type { CloudContext } from "../../core/contracts";
import { newId } from "../../core/ids";
import { badRequest, isUuidLike, NOT_FOUND } from "../faults";
import { getPlan } from "./plans";
import { syncPlanSchedule } from "./sync";
import { getTrigger } from "./triggers";
import { KARBOR, type KarborOperationRecord } from "./types";

export const OPERATION_TYPES = ["protect", "retention_protect"] as const;

export interface OperationCreate {
  name: string;
  description: string | null;
  operationType: string;
  triggerId: string;
  definition: Record<string, unknown>;
}

function definitionError(reason: string): never {
  throw badRequest(`Invalid operation definition, reason:${reason}`);
}

function isIntLike(v: unknown): boolean {
  return (typeof v === "number" && Number.isInteger(v)) || (typeof v === "string" && /^\s*-?\d+\s*$/.test(v));
}

export function getOperation(ctx: CloudContext, projectId: string | undefined, id: string): KarborOperationRecord {
  if (!isUuidLike(id)) throw badRequest("Invalid operation id provided.");
  const op = ctx.store.get(KARBOR.operations, id);
  if (!op || (projectId !== undefined && op.projectId !== projectId)) throw NOT_FOUND.operation(id);
  return op;
}

export function createOperation(ctx: CloudContext, projectId: string, spec: OperationCreate): KarborOperationRecord {
  if (!(OPERATION_TYPES as readonly string[]).includes(spec.operationType)) {
    throw badRequest(`Invalid input received: operation_type is "${spec.operationType}"; it must be protect or retention_protect`);
  }
  if (!isUuidLike(spec.triggerId)) throw badRequest("Invalid trigger id provided.");
  const trigger = getTrigger(ctx, undefined, spec.triggerId);
  if (trigger.projectId !== projectId) throw badRequest("Invalid trigger id provided.");
  const def = spec.definition;
  if (!isUuidLike(def.provider_id)) definitionError("provider_id is invalid");
  if (!isUuidLike(def.plan_id)) definitionError("plan_id is invalid");
  const plan = getPlan(ctx, projectId, def.plan_id);
  if (def.provider_id !== plan.extra.providerId) definitionError("Provider_id is conflict");
  if (spec.operationType === "retention_protect") {
    for (const key of ["max_backups", "retention_duration"]) {
      if (def[key] !== undefined && !isIntLike(def[key])) definitionError(`${key} must be an integer (≤ 0 means unlimited)`);
    }
  }
  const op: KarborOperationRecord = {
    id: newId(), projectId, name: spec.name, description: spec.description, operationType: spec.operationType as KarborOperationRecord["operationType"],
    triggerId: trigger.id, definition: def, enabled: true, createdAt: ctx.clock.now().toISOString(),
  };
  ctx.store.put(KARBOR.operations, op);
  syncPlanSchedule(ctx, plan.policy.id);
  return op;
}

export function deleteOperation(ctx: CloudContext, op: KarborOperationRecord): void {
  ctx.store.delete(KARBOR.operations, op.id);
  syncPlanSchedule(ctx, String(op.definition.plan_id));
}
