/**
 * How long backups are kept: by count, by age, or forever. Exactly one kind, so the user never
 * relies on the service's "nothing set means forever" default by accident.
 */
import { z } from "./zod";
import { CheckFailure, show } from "./failures";
import { asBoolean, asInteger, isRecord } from "./coerce";
import { defineRule, orUnknown, parseInputs, report, says, saysByCode, unknownPaths, withoutAbsent } from "./input-schema";
import { LIMITS } from "./limits";
import { LONG_TERM_WITH_PERMANENT, type LongTermRetention, longTermSchema } from "./long-term";

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

/** A validated retention; `unknowns` lists paths holding the preview sentinel. */
export interface RetentionValidation {
  value?: RetentionInput;
  failures: CheckFailure[];
  unknowns: string[];
}

const KINDS = ["maxBackups", "maxAgeDays", "permanent"] as const;
const EXAMPLE = "write { maxBackups: 7 }, { maxAgeDays: 30 } or { permanent: true }";

const RETENTION_TYPE = defineRule("retention.type", ({ input }) =>
  input === undefined
    ? `is missing: choose how long backups are kept; ${EXAMPLE}`
    : `is ${show(input)}: retention must be an object; ${EXAMPLE}`,
);
const RETENTION_KEY = defineRule("retention.unknownSetting", () => `is not a retention setting: ${EXAMPLE}`);
const NO_KIND = defineRule("retention.noKind", () => `sets no retention: choose exactly one kind; ${EXAMPLE}`);
const TWO_KINDS = defineRule(
  "retention.exactlyOneKind",
  ({ params }) => `sets ${String(params.kinds)}: choose exactly one kind of retention; keep one of them`,
);
const PERMANENT = defineRule(
  "retention.permanent",
  ({ input }) => `is ${show(input)}: permanent can only be true; to limit retention use { maxBackups: n } or { maxAgeDays: n } instead`,
);
const COUNT = defineRule("retention.count", ({ input, path }) => {
  const kind = path.endsWith("maxBackups") ? "maxBackups" : "maxAgeDays";
  const unit = kind === "maxBackups" ? "backups" : "days";
  const n = asInteger(input);
  const fix = n !== undefined && n > LIMITS.retentionMax ? `use at most ${LIMITS.retentionMax}, or { permanent: true }` : `use e.g. ${kind === "maxBackups" ? 7 : 30}`;
  return `is ${show(input)}: ${kind} must be a whole number of ${unit} from ${LIMITS.retentionMin} to ${LIMITS.retentionMax}; ${fix}`;
});

const count = orUnknown(
  z.preprocess(
    (value) => asInteger(value) ?? value,
    z.number(says(COUNT)).int(says(COUNT)).min(LIMITS.retentionMin, says(COUNT)).max(LIMITS.retentionMax, says(COUNT)),
  ),
);

/** Retention: exactly one of maxBackups, maxAgeDays, permanent (the service's "nothing set" means forever). */
export const retentionSchema = orUnknown(
  z
    .preprocess(
      (raw) => withoutAbsent(raw),
      z
        .strictObject(
          {
            maxBackups: count.optional(),
            maxAgeDays: count.optional(),
            permanent: orUnknown(z.preprocess((value) => asBoolean(value) ?? value, z.literal(true, says(PERMANENT)))).optional(),
            longTerm: longTermSchema.optional(),
          },
          saysByCode({ unrecognized_keys: RETENTION_KEY, otherwise: RETENTION_TYPE }),
        )
        .superRefine(
          (value, ctx) => {
            if (!isRecord(value)) return;
            const kinds = KINDS.filter((kind) => value[kind] !== undefined);
            if (kinds.length === 0) report(ctx, NO_KIND, value);
            if (kinds.length > 1) report(ctx, TWO_KINDS, value, [], { kinds: kinds.join(" and ") });
            if (value.longTerm !== undefined && value.permanent !== undefined) report(ctx, LONG_TERM_WITH_PERMANENT, value.longTerm, ["longTerm"]);
          },
          { when: () => true },
        ),
    )
    .transform((value): RetentionInput => {
      // A preview unknown stands in for the number until the engine knows it.
      const longTerm = value.longTerm === undefined ? {} : { longTerm: value.longTerm as LongTermRetention };
      if (value.maxBackups !== undefined) return { maxBackups: value.maxBackups as number, ...longTerm };
      if (value.maxAgeDays !== undefined) return { maxAgeDays: value.maxAgeDays as number, ...longTerm };
      return { permanent: value.permanent as true };
    }),
);

/** Validates a raw retention input. Never throws. */
export function validateRetention(raw: unknown, path = "retention"): RetentionValidation {
  const { value, failures } = parseInputs(retentionSchema, raw, path);
  const unknowns = unknownPaths(withoutAbsent(raw), path);
  return value === undefined ? { failures, unknowns } : { value: value as RetentionInput, failures, unknowns };
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
