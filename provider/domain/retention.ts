/**
 * How long backups are kept: by count, by age, or forever. Exactly one kind, so the user never
 * relies on the service's "nothing set means forever" default by accident. The input schema is in
 * ./retention-schema, so that mapping a live policy loads no zod.
 */
import { asBoolean, asInteger, isRecord } from "./coerce";
import type { LongTermRetention } from "./long-term";

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
/** Retention rule: exactly one of maxBackups, maxAgeDays, permanent; plus, except with permanent, long-term counts. */
export type RetentionInput = (MaxBackupsRetention | MaxAgeRetention | PermanentRetention) & { longTerm?: LongTermRetention };

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
  // The long-term counts are not compared: the API never shows them.
  const live = retentionFromRecord(record);
  const { longTerm: _longTerm, ...basic } = input;
  return live !== undefined && JSON.stringify(live) === JSON.stringify(basic);
}
