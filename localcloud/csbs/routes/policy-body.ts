/**
 * The CSBS policy bodies (docs/csbs-api-notes.md B.2) read into the domain's PolicySpec / PolicyPatch. Shape and range
 * errors are 400 CSBS.9001 naming the field; too many tags is CSBS.7000. Values of `operation_definition` and
 * `enabled` may arrive as strings ("20", "False") as well as native JSON.
 */
import { CSBS_PROVIDER_ID, MAX_RETENTION_VALUE, MAX_TAGS, NAME_RE, SERVER_TYPE, TAG_KEY_RE, TAG_VALUE_RE } from "../limits";
import { csbsError, invalid } from "../errors";
import type { PolicyPatch, PolicySpec } from "../model/policies";
import { parseTriggerTime } from "../model/time";
import type { PolicyServer, PolicyTag, Retention } from "../model/types";
import { isObject } from "./common";
import { readLongTerm } from "./long-term-body";

export function checkName(v: unknown, field: string): string {
  if (typeof v !== "string" || !NAME_RE.test(v)) {
    throw invalid(`${field} is ${JSON.stringify(v)}; it must be 1 to 255 characters of letters, digits, _ and -`);
  }
  return v;
}

export function checkDescription(v: unknown, field: string): string {
  if (v === undefined || v === null) return "";
  if (typeof v !== "string" || v.length > 255 || /[<>]/.test(v)) {
    throw invalid(`${field} must be a text of at most 255 characters without < or >`);
  }
  return v;
}

/** Reads a boolean sent as JSON or as text ("True", "false"). */
export function readBool(v: unknown, field: string): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === "true";
  throw invalid(`${field} is ${JSON.stringify(v)}; it must be true or false`);
}

function readRetentionNumber(v: unknown, field: string): number {
  if (v === undefined || v === null || v === "") return -1;
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || !(n === -1 || (n >= 1 && n <= MAX_RETENTION_VALUE))) {
    throw invalid(`${field} is ${JSON.stringify(v)}; it must be -1 (unset) or 1 to ${MAX_RETENTION_VALUE}`);
  }
  return n;
}

export function readRetention(def: unknown, field: string, base?: Retention): Retention {
  if (!isObject(def)) throw invalid(`${field} must be an object such as {"max_backups": 7}`);
  const longTerm = readLongTerm(def, field, base?.longTerm);
  return {
    ...(longTerm ? { longTerm } : {}),
    maxBackups: "max_backups" in def ? readRetentionNumber(def.max_backups, `${field}.max_backups`) : base?.maxBackups ?? -1,
    retentionDurationDays: "retention_duration_days" in def
      ? readRetentionNumber(def.retention_duration_days, `${field}.retention_duration_days`) : base?.retentionDurationDays ?? -1,
    permanent: "permanent" in def && def.permanent !== null ? readBool(def.permanent, `${field}.permanent`) : base?.permanent ?? false,
  };
}

export function readResources(v: unknown): PolicyServer[] {
  if (!Array.isArray(v)) throw invalid(`resources must be a list of {"id", "type": "${SERVER_TYPE}", "name"} (it may be empty)`);
  return v.map((r, i) => {
    if (!isObject(r) || typeof r.id !== "string" || r.id === "") throw invalid(`resources[${i}].id must be a server id`);
    // The API reference marks id, type and name required in every resource entry.
    if (r.type !== SERVER_TYPE) throw invalid(`resources[${i}].type is ${JSON.stringify(r.type) ?? "missing"}; it is required and must be ${SERVER_TYPE}`);
    if (typeof r.name !== "string") throw invalid(`resources[${i}].name is ${JSON.stringify(r.name) ?? "missing"}; it is required: the server's name`);
    return { id: r.id, name: r.name };
  });
}

export function readTags(v: unknown): PolicyTag[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length === 0) throw invalid("tags must be a non-empty list of {\"key\", \"value\"} when present");
  if (v.length > MAX_TAGS) throw csbsError(400, "CSBS.7000", `too many tags: ${v.length} given, at most ${MAX_TAGS} are allowed`);
  const keys = new Set<string>();
  return v.map((t, i) => readTag(t, `tags[${i}]`, keys));
}

export function readTag(t: unknown, field: string, keys = new Set<string>()): PolicyTag {
  if (!isObject(t)) throw invalid(`${field} must be {"key", "value"}`);
  const key = typeof t.key === "string" ? t.key.trim() : t.key;
  if (typeof key !== "string" || !TAG_KEY_RE.test(key)) throw invalid(`${field}.key is ${JSON.stringify(t.key)}; it must be 1 to 36 letters, digits, _ or -`);
  const value = t.value ?? "";
  if (typeof value !== "string" || !TAG_VALUE_RE.test(value)) throw invalid(`${field}.value is ${JSON.stringify(t.value)}; it must be 0 to 43 letters, digits, _ or -`);
  if (keys.has(key)) throw invalid(`${field}.key "${key}" is given twice; tag keys must be unique`);
  keys.add(key);
  return { key, value };
}

function readTrigger(v: unknown, field: string): { pattern: string; startTime?: Date } {
  if (!isObject(v) || !isObject(v.properties) || typeof v.properties.pattern !== "string") {
    throw invalid(`${field} must be {"properties": {"pattern": "<iCalendar text>"}}`);
  }
  const props = v.properties;
  let startTime: Date | undefined;
  if (props.start_time !== undefined && props.start_time !== null) {
    startTime = typeof props.start_time === "string" ? parseTriggerTime(props.start_time) : undefined;
    if (!startTime) throw invalid(`${field}.properties.start_time is ${JSON.stringify(props.start_time)}; use "YYYY-MM-DD HH:MM:SS" (UTC)`);
  }
  return { pattern: props.pattern as string, startTime };
}

export function readCreate(p: Record<string, unknown>): PolicySpec {
  const name = checkName(p.name, "name");
  const description = checkDescription(p.description, "description");
  if (p.provider_id !== CSBS_PROVIDER_ID) {
    throw invalid(`provider_id is ${JSON.stringify(p.provider_id)}; CSBS has the one provider ${CSBS_PROVIDER_ID}`);
  }
  if (p.parameters === undefined) throw invalid("parameters is required; send {\"common\": {}}");
  if (!isObject(p.parameters)) throw invalid("parameters must be an object such as {\"common\": {}}");
  if (p.resources === undefined) throw invalid("resources is required; send [] for a policy without servers");
  const servers = readResources(p.resources);
  const ops = p.scheduled_operations;
  if (!Array.isArray(ops) || ops.length !== 1) {
    throw invalid("scheduled_operations must hold exactly one operation (a policy has one backup period)");
  }
  const op = ops[0];
  if (!isObject(op)) throw invalid("scheduled_operations[0] must be an object");
  if (op.enabled === undefined) throw invalid("scheduled_operations[0].enabled is required (true or false)");
  if (op.operation_type !== "backup") throw invalid(`scheduled_operations[0].operation_type is ${JSON.stringify(op.operation_type)}; it must be "backup"`);
  const trigger = readTrigger(op.trigger, "scheduled_operations[0].trigger");
  return {
    name, description,
    parameters: (p.parameters as Record<string, unknown> | undefined) ?? { common: {} },
    servers,
    enabled: readBool(op.enabled, "scheduled_operations[0].enabled"),
    pattern: trigger.pattern,
    startTime: trigger.startTime,
    operationName: op.name === undefined ? "default" : checkName(op.name, "scheduled_operations[0].name"),
    operationDescription: checkDescription(op.description, "scheduled_operations[0].description"),
    retention: readRetention(op.operation_definition, "scheduled_operations[0].operation_definition"),
    tags: readTags(p.tags),
  };
}

/** Reads an update; `operationId` is the policy's scheduled operation, which every entry must name. */
/** The keys an update may carry (the API reference's update body); anything else is refused, as is an empty update. */
const UPDATE_KEYS = ["name", "description", "parameters", "resources", "scheduled_operations"];

export function readUpdate(p: Record<string, unknown>, operationId: string, current: Retention): PolicyPatch {
  const unknown = Object.keys(p).filter((k) => !UPDATE_KEYS.includes(k));
  if (unknown.length > 0) throw invalid(`policy.${unknown[0]} cannot be updated; an update may carry ${UPDATE_KEYS.join(", ")}`);
  if (Object.keys(p).length === 0) throw invalid(`the update changes nothing; send at least one of ${UPDATE_KEYS.join(", ")}`);
  const patch: PolicyPatch = {};
  if (p.name !== undefined) patch.name = checkName(p.name, "name");
  if (p.description !== undefined) patch.description = checkDescription(p.description, "description");
  if (p.parameters !== undefined) {
    if (!isObject(p.parameters)) throw invalid("parameters must be an object such as {\"common\": {}}");
    patch.parameters = p.parameters;
  }
  if (p.resources !== undefined) patch.servers = readResources(p.resources);
  if (p.scheduled_operations !== undefined) {
    if (!Array.isArray(p.scheduled_operations)) throw invalid("scheduled_operations must be a list");
    p.scheduled_operations.forEach((op, i) => {
      const field = `scheduled_operations[${i}]`;
      if (!isObject(op) || typeof op.id !== "string") throw invalid(`${field}.id is required: the id of the policy's scheduled operation`);
      if (op.id !== operationId) throw invalid(`${field}.id ${op.id} is not this policy's scheduled operation (${operationId})`);
      if (op.enabled !== undefined) patch.enabled = readBool(op.enabled, `${field}.enabled`);
      if (op.name !== undefined) patch.operationName = checkName(op.name, `${field}.name`);
      if (op.description !== undefined) patch.operationDescription = checkDescription(op.description, `${field}.description`);
      if (op.operation_type !== undefined && op.operation_type !== "backup") throw invalid(`${field}.operation_type must be "backup"`);
      if (op.operation_definition !== undefined) patch.retention = readRetention(op.operation_definition, `${field}.operation_definition`, current);
      if (op.trigger !== undefined) patch.pattern = readTrigger(op.trigger, `${field}.trigger`).pattern;
    });
  }
  return patch;
}
