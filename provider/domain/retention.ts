/**
 * How long backups are kept: by count, by age, or forever. Exactly one kind, so the user never
 * relies on the service's "nothing set means forever" default by accident.
 */
import { CheckFailure, failure, show } from "./failures";
import { asBoolean, asInteger, isRecord } from "./coerce";
import { LIMITS } from "./limits";
import { isUnknown, unknownPlaceholder } from "./unknown";

/** Keep the newest n backups of each server. */
export interface MaxBackupsRetention {
  /** 1..99999. */
  maxBackups: number;
}
/** Delete backups older than n days. */
export interface MaxAgeRetention {
  /** 1..99999. */
  maxAgeDays: number;
}
/** Never delete backups. */
export interface PermanentRetention {
  permanent: true;
}
/** Retention rule: exactly one of maxBackups, maxAgeDays, permanent. */
export type RetentionInput = MaxBackupsRetention | MaxAgeRetention | PermanentRetention;

/** The three retention fields of a CSBS `operation_definition`; -1 means unset. */
export interface OperationRetention {
  max_backups: number;
  retention_duration_days: number;
  permanent: boolean;
}

/** Retention as the API holds it, parsed to numbers and booleans; -1 means unset. */
export interface RetentionRecord {
  maxBackups: number;
  retentionDurationDays: number;
  permanent: boolean;
}

/** A validated retention; `unknowns` lists paths holding the preview sentinel. */
export interface RetentionValidation {
  value?: RetentionInput;
  failures: CheckFailure[];
  unknowns: string[];
}

const KINDS = ["maxBackups", "maxAgeDays", "permanent"] as const;
const EXAMPLE = "write { maxBackups: 7 }, { maxAgeDays: 30 } or { permanent: true }";

/** Validates a raw retention input. Never throws. */
export function validateRetention(raw: unknown, path = "retention"): RetentionValidation {
  if (isUnknown(raw)) return { value: unknownPlaceholder<RetentionInput>(), failures: [], unknowns: [path] };
  if (!isRecord(raw)) return { failures: [failure(path, `is ${show(raw)}: retention must be an object; ${EXAMPLE}`)], unknowns: [] };
  const failures: CheckFailure[] = [];
  const given = Object.keys(raw).filter((k) => raw[k] !== undefined && raw[k] !== null);
  for (const key of given) {
    if (!(KINDS as readonly string[]).includes(key)) failures.push(failure(`${path}.${key}`, `is not a retention setting: ${EXAMPLE}`));
  }
  const kinds = KINDS.filter((k) => given.includes(k));
  if (kinds.length === 0) return { failures: [...failures, failure(path, `sets no retention: choose exactly one kind; ${EXAMPLE}`)], unknowns: [] };
  if (kinds.length > 1) {
    failures.push(failure(path, `sets ${kinds.join(" and ")}: choose exactly one kind of retention; keep one of them`));
    return { failures, unknowns: [] };
  }
  const kind = kinds[0] as (typeof KINDS)[number];
  const value = raw[kind];
  const itemPath = `${path}.${kind}`;
  if (isUnknown(value)) return { value: { [kind]: value } as unknown as RetentionInput, failures, unknowns: [itemPath] };
  if (kind === "permanent") {
    const flag = asBoolean(value);
    if (flag !== true) {
      failures.push(failure(itemPath, `is ${show(value)}: permanent can only be true; to limit retention use { maxBackups: n } or { maxAgeDays: n } instead`));
    }
    return failures.length > 0 ? { failures, unknowns: [] } : { value: { permanent: true }, failures, unknowns: [] };
  }
  const n = asInteger(value);
  const unit = kind === "maxBackups" ? "backups" : "days";
  if (n === undefined || n < LIMITS.retentionMin || n > LIMITS.retentionMax) {
    const fix = n !== undefined && n > LIMITS.retentionMax ? `use at most ${LIMITS.retentionMax}, or { permanent: true }` : `use e.g. ${kind === "maxBackups" ? 7 : 30}`;
    failures.push(failure(itemPath, `is ${show(value)}: ${kind} must be a whole number of ${unit} from ${LIMITS.retentionMin} to ${LIMITS.retentionMax}; ${fix}`));
    return { failures, unknowns: [] };
  }
  const out: RetentionInput = kind === "maxBackups" ? { maxBackups: n } : { maxAgeDays: n };
  return failures.length > 0 ? { failures, unknowns: [] } : { value: out, failures, unknowns: [] };
}

/** The `operation_definition` retention fields for an input (-1 for unset). */
export function toOperationDefinition(retention: RetentionInput): OperationRetention {
  if ("maxBackups" in retention) return { max_backups: retention.maxBackups, retention_duration_days: -1, permanent: false };
  if ("maxAgeDays" in retention) return { max_backups: -1, retention_duration_days: retention.maxAgeDays, permanent: false };
  return { max_backups: -1, retention_duration_days: -1, permanent: true };
}

/**
 * Reads retention from an `operation_definition` whose values may be strings ("20", "-1", "False")
 * or native JSON. Unreadable or non-positive counts read as unset (-1), as the service treats them.
 */
export function fromOperationDefinition(definition: unknown): RetentionRecord {
  const def = isRecord(definition) ? definition : {};
  const count = (v: unknown): number => {
    const n = asInteger(v);
    return n === undefined || n <= 0 ? -1 : n;
  };
  return {
    maxBackups: count(def.max_backups),
    retentionDurationDays: count(def.retention_duration_days),
    permanent: asBoolean(def.permanent) ?? (def.permanent === 1 || def.permanent === "1"),
  };
}

/**
 * The input a record means (permanent overrides the counts; nothing set keeps backups forever),
 * or undefined when both a count and an age are set, which no single input expresses.
 */
export function retentionFromRecord(record: RetentionRecord): RetentionInput | undefined {
  if (record.permanent) return { permanent: true };
  const count = record.maxBackups > 0;
  const age = record.retentionDurationDays > 0;
  if (count && age) return undefined;
  if (count) return { maxBackups: record.maxBackups };
  if (age) return { maxAgeDays: record.retentionDurationDays };
  return { permanent: true };
}

/** True when the live record keeps backups exactly as the input says. */
export function retentionMatches(input: RetentionInput, record: RetentionRecord): boolean {
  const live = retentionFromRecord(record);
  return live !== undefined && JSON.stringify(live) === JSON.stringify(input);
}
