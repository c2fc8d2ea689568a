/**
 * Pure conversions between Karbor v1 objects and the backend's records.
 *
 * One BackupPolicy = one plan + one `time` trigger + (while enabled) one `retention_protect` scheduled operation.
 * Karbor has no tags and keeps retention only in the scheduled operation, which does not exist while a policy is
 * disabled; so the trigger's name, the one free-form field we own, carries the plan id, the retention and the
 * tags, and the ownership marker (see ownership-marker.ts):
 * `csbs-policy:<plan id>|owner=<marker>|keep=<max backups>,<days>|tags=k=v,k2=v2`. Upstream stores names in 255 characters.
 */
import { fromOperationDefinition, toOperationDefinition, type RetentionInput, type RetentionRecord } from "../domain/retention";
import {
  KARBOR_OS_INFRA_PROVIDER_ID,
  KARBOR_SERVER_TYPE,
  type KarborOperationDefinition,
  type KarborPlan,
  type KarborScheduledOperation,
  type KarborTrigger,
} from "../wire/karbor";
import { isOwnerMarker } from "./ownership-marker";
import type { PolicyRecord } from "./policy-backend";

export const TRIGGER_PREFIX = "csbs-policy:";
/** Karbor's name columns hold 255 characters. */
export const MAX_NAME_LENGTH = 255;

export interface TriggerNameData {
  planId: string;
  retention?: RetentionRecord;
  tags: Record<string, string>;
  /** The ownership marker, when the name carries one. */
  owner?: string;
}

export function encodeTriggerName(planId: string, retention: RetentionInput, tags: Record<string, string>, owner?: string): string {
  const def = toOperationDefinition(retention);
  const parts = [`${TRIGGER_PREFIX}${planId}`];
  // Markers are [A-Za-z0-9_-] only, so they need no escaping between the `|` separators.
  if (isOwnerMarker(owner)) parts.push(`owner=${owner}`);
  parts.push(`keep=${def.max_backups},${def.retention_duration_days}`);
  const keys = Object.keys(tags).sort();
  if (keys.length > 0) parts.push(`tags=${keys.map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(tags[k])}`).join(",")}`);
  return parts.join("|");
}

/** Reads a name written by {@link encodeTriggerName}; undefined for any other trigger. */
export function decodeTriggerName(name: string): TriggerNameData | undefined {
  if (!name.startsWith(TRIGGER_PREFIX)) return undefined;
  const [head, ...rest] = name.slice(TRIGGER_PREFIX.length).split("|");
  if (!/^[0-9a-fA-F-]{32,36}$/.test(head)) return undefined;
  const out: TriggerNameData = { planId: head, tags: {} };
  for (const part of rest) {
    if (part.startsWith("keep=")) {
      const [max, days] = part.slice(5).split(",");
      out.retention = fromOperationDefinition({ max_backups: max, retention_duration_days: days });
      out.retention.permanent = out.retention.maxBackups < 0 && out.retention.retentionDurationDays < 0;
    } else if (part.startsWith("owner=")) {
      const owner = part.slice(6);
      if (isOwnerMarker(owner)) out.owner = owner;
    } else if (part.startsWith("tags=")) {
      for (const pair of part.slice(5).split(",")) {
        const eq = pair.indexOf("=");
        // defineProperty: a tag may be called `__proto__`, which plain assignment would not store.
        if (eq > 0) Object.defineProperty(out.tags, decodeURIComponent(pair.slice(0, eq)), { value: decodeURIComponent(pair.slice(eq + 1)), enumerable: true, writable: true, configurable: true });
      }
    }
  }
  return out;
}

export function operationDefinition(planId: string, retention: RetentionInput): KarborOperationDefinition {
  const def = toOperationDefinition(retention);
  return {
    plan_id: planId,
    provider_id: KARBOR_OS_INFRA_PROVIDER_ID,
    max_backups: String(def.max_backups),
    retention_duration: String(def.retention_duration_days),
  };
}

/** Retention of a scheduled operation: ≤ 0 means unlimited; `protect` keeps everything. */
export function retentionFromOperation(op: KarborScheduledOperation): RetentionRecord {
  if (op.operation_type !== "retention_protect") return { maxBackups: -1, retentionDurationDays: -1, permanent: true };
  const r = fromOperationDefinition({ max_backups: op.operation_definition.max_backups, retention_duration_days: op.operation_definition.retention_duration });
  return { ...r, permanent: r.maxBackups < 0 && r.retentionDurationDays < 0 };
}

/** The plan's parts: the trigger named for it and the operations that run it. */
export interface PlanParts {
  plan: KarborPlan;
  trigger?: KarborTrigger;
  operations: KarborScheduledOperation[];
}

/** Groups triggers and operations by the plan they belong to. */
export function partsOf(plans: KarborPlan[], triggers: KarborTrigger[], operations: KarborScheduledOperation[]): PlanParts[] {
  return plans.map((plan) => {
    const ops = operations.filter((o) => o.operation_definition?.plan_id === plan.id);
    const byName = triggers.find((t) => decodeTriggerName(t.name)?.planId === plan.id);
    const byOp = ops.length > 0 ? triggers.find((t) => t.id === ops[0].trigger_id) : undefined;
    return { plan, trigger: byName ?? byOp, operations: ops };
  });
}

function isEnabled(op: KarborScheduledOperation): boolean {
  return op.enabled === true || op.enabled === 1 || (op.enabled as unknown) === "1" || (op.enabled as unknown) === "True";
}

export function recordFromParts(parts: PlanParts, projectId: string): PolicyRecord {
  const { plan, trigger, operations } = parts;
  const op = operations.find(isEnabled);
  const meta = trigger ? decodeTriggerName(trigger.name) : undefined;
  const retention = op ? retentionFromOperation(op) : meta?.retention ?? { maxBackups: -1, retentionDurationDays: -1, permanent: true };
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description ?? "",
    enabled: op !== undefined,
    pattern: trigger?.properties?.pattern ?? "",
    retention,
    serverIds: (plan.resources ?? []).filter((r) => r.type === KARBOR_SERVER_TYPE).map((r) => r.id),
    tags: meta?.tags ?? {},
    ...(meta?.owner !== undefined ? { owner: meta.owner } : {}),
    status: plan.status ?? "",
    createdAt: "",
    projectId,
  };
}
