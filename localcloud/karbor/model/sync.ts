/**
 * Gives a plan's policy record the schedule its scheduled operations describe (see ./types.ts): the oldest
 * enabled operation that references the plan wins; none = a disabled schedule, so the plan never runs.
 */
import type { CloudContext } from "../../core/contracts";
import { COLLECTIONS, type PolicyRecord, type PolicySchedule, type Retention } from "../../csbs/model/types";
import { parseTriggerTime } from "../../csbs/model/time";
import { readKarborPattern } from "./pattern";
import { KARBOR, type KarborOperationRecord, type KarborTriggerRecord } from "./types";

/** Karbor reads max_backups and retention_duration with int(); ≤ 0 (or unreadable) means unlimited. */
export function countOf(v: unknown): number {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : -1;
}

export function retentionOf(op: KarborOperationRecord): Retention {
  if (op.operationType !== "retention_protect") return { maxBackups: -1, retentionDurationDays: -1, permanent: true };
  const maxBackups = countOf(op.definition.max_backups);
  const retentionDurationDays = countOf(op.definition.retention_duration);
  return { maxBackups, retentionDurationDays, permanent: maxBackups < 0 && retentionDurationDays < 0 };
}

export function operationsOfPlan(ctx: CloudContext, planId: string): KarborOperationRecord[] {
  return ctx.store
    .list(KARBOR.operations)
    .filter((o) => o.definition.plan_id === planId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export function syncPlanSchedule(ctx: CloudContext, planId: string): void {
  const policy = ctx.store.get(COLLECTIONS.policies, planId);
  if (!policy) return;
  const ops = operationsOfPlan(ctx, planId).filter((o) => o.projectId === policy.projectId);
  const op = ops.find((o) => o.enabled) ?? ops[0];
  const trigger = op ? ctx.store.get(KARBOR.triggers, op.triggerId) : undefined;
  const now = ctx.clock.now().toISOString();
  const prev = policy.schedule;
  let next: PolicySchedule;
  if (!op || !trigger) {
    next = { ...prev, operationId: "", triggerId: "", enabled: false };
  } else {
    const start = parseTriggerTime(trigger.properties.start_time ?? "") ?? new Date(trigger.createdAt);
    const read = readKarborPattern(trigger.properties.pattern, start);
    next = {
      operationId: op.id,
      operationName: op.name,
      operationDescription: op.description ?? "",
      triggerId: trigger.id,
      enabled: op.enabled && read.ok,
      pattern: read.ok ? read.schedulable : "",
      startTime: start.toISOString(),
      activeSince: prev.activeSince,
      retention: retentionOf(op),
    };
  }
  const runsChanged = next.enabled !== prev.enabled || next.pattern !== prev.pattern || next.operationId !== prev.operationId;
  // Like a CSBS pattern change: a run is only made after the schedule that calls for it exists.
  if (runsChanged && next.enabled) next.activeSince = now;
  if (JSON.stringify(next) !== JSON.stringify(prev)) ctx.store.put(COLLECTIONS.policies, { ...policy, schedule: next, updatedAt: now });
}
