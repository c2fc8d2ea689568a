/**
 * Pure conversions between CSBS v1 wire shapes and the backend's records. Real clouds send numbers and booleans
 * inside `operation_definition` as strings ("20", "-1", "False"), so every read accepts both forms.
 */
import { asBoolean } from "../domain/coerce";
import { NO_LONG_TERM, toLongTermDefinition } from "../domain/long-term";
import { fromOperationDefinition, retentionMatches, toOperationDefinition, type RetentionInput, type RetentionRecord } from "../domain/retention";
import {
  CSBS_PROVIDER_ID,
  type CsbsOperationDefinition,
  type CsbsPolicy,
  type CsbsPolicyCreateBody,
  type CsbsPolicyUpdateBody,
  type CsbsResource,
  type CsbsScheduledOperation,
  type CsbsTag,
} from "../wire/csbs";
import { splitOwnerTag, withOwnerTag } from "./ownership-marker";
import type { PolicyRecord, PolicySpec } from "./policy-backend";

/** The server resource type every CSBS association uses. */
export const SERVER_TYPE = "OS::Nova::Server";

/** The name of the one scheduled operation we write (the console's default). */
const OPERATION_NAME = "default";

export function retentionFromWire(def: CsbsOperationDefinition | undefined): RetentionRecord {
  return fromOperationDefinition(def);
}

export function retentionToWire(retention: RetentionInput): CsbsOperationDefinition {
  return { ...toOperationDefinition(retention) };
}

/** The operation definition of a spec: retention, plus the long-term counts (or their switch-off) when due. */
export function definitionToWire(spec: Pick<PolicySpec, "retention" | "longTermZone" | "clearLongTerm">): CsbsOperationDefinition {
  const base = retentionToWire(spec.retention);
  if (spec.retention.longTerm && spec.longTermZone) return { ...base, ...toLongTermDefinition(spec.retention.longTerm, spec.longTermZone) };
  return spec.clearLongTerm ? { ...base, ...NO_LONG_TERM } : base;
}

export function tagsFromWire(tags: CsbsTag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  // defineProperty: a tag may be called `__proto__`, which plain assignment would not store.
  for (const t of tags ?? []) Object.defineProperty(out, t.key, { value: t.value ?? "", enumerable: true, writable: true, configurable: true });
  return out;
}

export function tagsToWire(tags: Record<string, string>): CsbsTag[] {
  return Object.keys(tags)
    .sort()
    .map((key) => ({ key, value: tags[key] }));
}

/** The backup operation of a policy (CSBS has exactly one; tolerate others being present). */
export function backupOperation(policy: CsbsPolicy): CsbsScheduledOperation | undefined {
  const ops = policy.scheduled_operations ?? [];
  return ops.find((o) => o.operation_type === "backup") ?? ops[0];
}

export function recordFromWire(policy: CsbsPolicy): PolicyRecord {
  const op = backupOperation(policy);
  const { tags, owner } = splitOwnerTag(tagsFromWire(policy.tags));
  return {
    id: policy.id,
    name: policy.name,
    description: policy.description ?? "",
    enabled: asBoolean(op?.enabled) ?? (op?.enabled === 1 || op?.enabled === "1"),
    pattern: op?.trigger?.properties?.pattern ?? "",
    retention: retentionFromWire(op?.operation_definition),
    serverIds: (policy.resources ?? []).map((r) => r.id),
    tags,
    ...(owner !== undefined ? { owner } : {}),
    status: policy.status ?? "",
    createdAt: policy.created_at ?? "",
    projectId: policy.project_id ?? "",
  };
}

export function serverResources(servers: ReadonlyArray<{ id: string; name: string }>): CsbsResource[] {
  return servers.map((s) => ({ id: s.id, type: SERVER_TYPE, name: s.name }));
}

export function createBody(spec: PolicySpec): CsbsPolicyCreateBody {
  const tags = tagsToWire(withOwnerTag(spec.tags, spec.owner));
  return {
    policy: {
      name: spec.name,
      description: spec.description,
      provider_id: CSBS_PROVIDER_ID,
      parameters: { common: {} },
      resources: [],
      scheduled_operations: [
        {
          name: OPERATION_NAME,
          enabled: spec.enabled,
          operation_type: "backup",
          operation_definition: definitionToWire(spec),
          trigger: { properties: { pattern: spec.pattern } },
        },
      ],
      ...(tags.length > 0 ? { tags } : {}),
    },
  };
}

/**
 * The PUT body that brings `current` to `spec`, holding only what differs (undefined when nothing does).
 * Servers are not part of it: they belong to the associations.
 */
export function updateBody(spec: PolicySpec, current: CsbsPolicy): CsbsPolicyUpdateBody | undefined {
  const now = recordFromWire(current);
  const body: CsbsPolicyUpdateBody["policy"] = {};
  if (spec.name !== now.name) body.name = spec.name;
  if (spec.description !== now.description) body.description = spec.description;
  const op = backupOperation(current);
  // The long-term counts are never shown: whenever they are declared (or must go), they are written.
  const opChanged =
    spec.enabled !== now.enabled ||
    spec.pattern !== now.pattern ||
    !retentionMatches(spec.retention, now.retention) ||
    spec.retention.longTerm !== undefined ||
    spec.clearLongTerm === true;
  if (opChanged && op?.id) {
    body.scheduled_operations = [
      {
        id: op.id,
        enabled: spec.enabled,
        operation_type: "backup",
        operation_definition: definitionToWire(spec),
        trigger: { properties: { pattern: spec.pattern } },
      },
    ];
  }
  return Object.keys(body).length > 0 ? { policy: body } : undefined;
}
