/**
 * Scheduled operations (`protect`, `retention_protect`). They cannot be updated (no PUT upstream); create and
 * delete resynchronize the plan's schedule (./sync.ts).
 */
import type { CloudContext } from "../../core/contracts";
import { newId } from "../../core/ids";
import { badRequest, invalidOperationDefinition, isUuidLike, NOT_FOUND, unexpectedApiError } from "../faults";
import { findPlan } from "./plans";
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

export function getOperation(ctx: CloudContext, projectId: string | undefined, id: string): KarborOperationRecord {
  if (!isUuidLike(id)) throw badRequest("Invalid operation id provided.");
  const op = ctx.store.get(KARBOR.operations, id);
  if (!op || (projectId !== undefined && op.projectId !== projectId)) throw NOT_FOUND.operation(id);
  return op;
}

/**
 * In upstream's order: the controller checks the trigger (uuid, exists, same project); the operation engine
 * then checks the type, provider_id, plan_id and the plan (an RPC call whose unexpected errors, like a missing
 * plan, the controller answers as 500 "Unexpected API Error"). Upstream looks the plan up in any project; the
 * local cloud treats another project's plan as missing, so one project's operation never schedules another's.
 * `max_backups` and `retention_duration` are not checked at create, as upstream (sync.ts reads them).
 */
export function createOperation(ctx: CloudContext, projectId: string, spec: OperationCreate): KarborOperationRecord {
  if (!isUuidLike(spec.triggerId)) throw badRequest("Invalid trigger id provided.");
  const trigger = getTrigger(ctx, undefined, spec.triggerId);
  if (trigger.projectId !== projectId) throw badRequest("Invalid trigger id provided.");
  if (!(OPERATION_TYPES as readonly string[]).includes(spec.operationType)) throw badRequest(`Invalid operation type: ${spec.operationType}`);
  const def = spec.definition;
  if (!isUuidLike(def.provider_id)) throw invalidOperationDefinition("Provider_id is invalid");
  if (!isUuidLike(def.plan_id)) throw invalidOperationDefinition("Plan_id is invalid");
  const plan = findPlan(ctx, projectId, def.plan_id);
  if (!plan) throw unexpectedApiError(NOT_FOUND.plan(def.plan_id).detail);
  if (def.provider_id !== plan.extra.providerId) throw invalidOperationDefinition("Provider_id is conflict");
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
