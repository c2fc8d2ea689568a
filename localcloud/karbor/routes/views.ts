/** Records as Karbor v1 JSON (docs/csbs-api-notes.md A.2–A.8). */
import type {
  KarborCheckpoint,
  KarborOperationLog,
  KarborPlan,
  KarborResource,
  KarborRestore,
  KarborScheduledOperation,
  KarborTrigger,
} from "../../../provider/wire/karbor";
import type { CloudContext } from "../../core/contracts";
import { naiveMicrosTime } from "../../core/ids";
import { COLLECTIONS, type CheckpointRecord, type OperationLog, type RestoreRecord } from "../../csbs/model/types";
import { itemsOf, statusOf } from "../model/checkpoints";
import type { Plan } from "../model/plans";
import type { KarborOperationRecord, KarborRestoreRecord, KarborTriggerRecord, PlanResource } from "../model/types";
import { OS_INFRA_PROVIDER_ID, SERVER_TYPE } from "../provider-info";

function resourceView(r: PlanResource): KarborResource {
  return { id: r.id, name: r.name, type: r.type, ...(r.extra_info !== undefined ? { extra_info: r.extra_info } : {}) };
}

export function planView(plan: Plan): KarborPlan {
  return {
    id: plan.policy.id,
    name: plan.policy.name,
    description: plan.extra.description === undefined ? plan.policy.description : plan.extra.description,
    resources: plan.extra.resources.map(resourceView),
    provider_id: plan.extra.providerId,
    status: plan.extra.status,
    parameters: plan.extra.parameters,
  };
}

export function triggerView(t: KarborTriggerRecord): KarborTrigger {
  return { id: t.id, name: t.name, type: t.type, properties: { ...t.properties } as unknown as KarborTrigger["properties"] };
}

export function operationView(o: KarborOperationRecord): KarborScheduledOperation {
  return {
    id: o.id, name: o.name, description: o.description, operation_type: o.operationType, trigger_id: o.triggerId,
    operation_definition: o.definition as KarborScheduledOperation["operation_definition"], enabled: o.enabled,
  };
}

/** A serialised resource graph in the spirit of Karbor's (`[{"0x0": [type, id, name]}, [["0x0", []]]]`). */
function resourceGraph(c: CheckpointRecord): string {
  const nodes: Record<string, [string, string, string]> = {};
  const adjacency: Array<[string, string[]]> = [];
  c.resources.forEach((r, i) => {
    const key = `0x${i.toString(16)}`;
    nodes[key] = [SERVER_TYPE, r.id, r.name];
    adjacency.push([key, []]);
  });
  return JSON.stringify([nodes, adjacency]);
}

/** Show/list form; `created` is the form of the create reply (created_at and resource_graph null). */
export function checkpointView(ctx: CloudContext, c: CheckpointRecord, created = false): KarborCheckpoint {
  const items = itemsOf(ctx, c.id);
  const resources = c.resources.map((r) => ({ id: r.id, type: SERVER_TYPE, name: r.name }));
  return {
    id: c.id,
    project_id: c.projectId,
    status: created ? "protecting" : statusOf(ctx, c, items),
    protection_plan: created
      ? { id: c.planId, name: c.planName, resources }
      : { id: c.planId, name: c.planName, resources, provider_id: OS_INFRA_PROVIDER_ID },
    resource_graph: created ? null : resourceGraph(c),
    created_at: created ? null : c.createdAt.slice(0, 10),
    // Karbor's controller reads `extra_info` while its schema only lets `extra-info` through: always the default.
    extra_info: JSON.stringify({ created_by: c.createdBy }),
  };
}

export function oplogView(l: OperationLog): KarborOperationLog {
  return {
    id: l.id,
    project_id: l.projectId,
    operation_type: l.operationType,
    checkpoint_id: l.checkpointId,
    plan_id: l.planId,
    provider_id: OS_INFRA_PROVIDER_ID,
    restore_id: l.restoreId,
    scheduled_operation_id: l.scheduledOperationId,
    status: l.status,
    started_at: naiveMicrosTime(new Date(l.startedAt)),
    ended_at: l.endedAt ? naiveMicrosTime(new Date(l.endedAt)) : null,
    error_info: l.errorInfo ? JSON.stringify(l.errorInfo) : null,
    extra_info: JSON.stringify(l.extraInfo),
  };
}

export function restoreStatus(ctx: CloudContext, r: KarborRestoreRecord): KarborRestore["status"] {
  if (r.failed) return "fail";
  const parts = r.restoreIds.map((id) => ctx.store.get(COLLECTIONS.restores, id)?.status ?? "fail");
  if (parts.some((s) => s === "fail")) return "fail";
  return parts.every((s) => s === "success") ? "success" : "in_progress";
}

export function restoreView(ctx: CloudContext, r: KarborRestoreRecord): KarborRestore {
  const status = restoreStatus(ctx, r);
  const resources_status: Record<string, string> = {};
  const resources_reason: Record<string, string> = {};
  for (const id of r.restoreIds) {
    const part = ctx.store.get(COLLECTIONS.restores, id);
    if (!part) continue;
    const key = `${SERVER_TYPE}#${part.targetServerId}`;
    resources_status[key] = part.status === "success" ? "available" : part.status === "fail" ? "error" : "restoring";
  }
  if (r.failed) resources_reason.error = r.failed;
  return {
    id: r.id, project_id: r.projectId, provider_id: r.providerId, checkpoint_id: r.checkpointId,
    restore_target: r.restoreTarget, parameters: r.parameters, status, resources_status, resources_reason,
  };
}
