/** The `retention` input's schema and rules; the kinds and their API form are in ./retention. */
import { z } from "./zod";
import { CheckFailure, show } from "./failures";
import { asBoolean, asInteger, isRecord } from "./coerce";
import { defineRule, orUnknown, parseInputs, report, says, saysByCode, unknownPaths, withoutAbsent } from "./input-schema";
import { LIMITS } from "./limits";
import type { LongTermRetention } from "./long-term";
import { LONG_TERM_WITH_PERMANENT, longTermSchema } from "./long-term-schema";
import type { RetentionInput } from "./retention";

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
