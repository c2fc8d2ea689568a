/**
 * All inputs of a BackupPolicy, validated together so `check` reports every problem at once,
 * normalized so `diff` compares intent, with the iCalendar pattern derived at deploy time.
 */
import { z } from "./zod";
import { CheckFailure, show } from "./failures";
import { asBoolean, isRecord } from "./coerce";
import { defineRule, orUnknown, parseInputs, required, says, saysByCode, unknownPaths, withoutAbsent, type Parsed } from "./input-schema";
import { DESCRIPTION_FORBIDDEN, LIMITS, NAME_CHARS } from "./limits";
import { longTermZone } from "./long-term";
import { renderPattern } from "./pattern";
import type { RetentionInput } from "./retention";
import { retentionSchema } from "./retention-schema";
import { profileSchema } from "./profile-input";
import { Schedule, scheduleSchema, scheduleUtcFailure, validateSchedule } from "./schedule";
import { tagsSchema } from "./tags";
import { UNKNOWN } from "./unknown";
import { scheduleToUtcRules } from "./utc-rules";

/** Normalized inputs of a BackupPolicy. */
export interface PolicyInputs {
  /** Policy name, 1-255 of letters, digits, `_`, `-`; unique in the project. */
  name: string;
  /** 0-255 characters without `<` or `>`. @default "" */
  description: string;
  /** Whether scheduled backups run. @default true */
  enabled: boolean;
  schedule: Schedule;
  retention: RetentionInput;
  /** @default {} */
  tags: Record<string, string>;
  /** Take over an existing policy of the same name instead of failing. @default false */
  adopt: boolean;
  /** The stack config profile whose project and region hold the policy (the preview sentinel while unknown). @default none: the stack-wide settings */
  profile?: string;
  /** The canonical UTC iCalendar pattern derived from the schedule (the preview sentinel while unknown). */
  pattern: string;
  /**
   * The API's `timezone` for `retention.longTerm`: the schedule zone's offset at deploy time ("UTC+01:00"),
   * the preview sentinel while unknown; present exactly when `retention.longTerm` is.
   */
  longTermZone?: string;
}

/** Validated policy inputs; paths in `unknowns` hold the preview sentinel instead of a value. */
export interface PolicyInputsValidation {
  /** Present when there are no failures. */
  inputs?: PolicyInputs;
  failures: CheckFailure[];
  unknowns: string[];
}

const KEYS = ["name", "description", "enabled", "schedule", "retention", "tags", "adopt", "profile"];

const INPUTS_TYPE = defineRule("policy.inputsType", ({ input }) => `inputs are ${show(input)}: BackupPolicy inputs must be an object`);
const UNKNOWN_INPUT = defineRule("policy.unknownInput", () => `is not an input of BackupPolicy: remove it (inputs are ${KEYS.join(", ")})`);
const NAME = defineRule("policy.name", ({ input }) => {
  const rule = `a policy name must be ${LIMITS.nameMin}-${LIMITS.nameMax} characters of letters, digits, _ and -`;
  if (typeof input !== "string") return `is ${show(input)}: ${rule}; set name, e.g. "daily-web"`;
  const fix =
    input.length > LIMITS.nameMax
      ? `shorten it to ${LIMITS.nameMax} characters`
      : `replace other characters, e.g. ${JSON.stringify(input.slice(0, 40).replace(/[^A-Za-z0-9_-]+/g, "-") || "daily-web")}`;
  return `is ${show(input)}: ${rule}; ${fix}`;
});
const DESCRIPTION_TYPE = defineRule(
  "policy.descriptionType",
  ({ input }) => `is ${show(input)}: a description must be text of 0-${LIMITS.descriptionMax} characters; write it as a string`,
);
const DESCRIPTION_LENGTH = defineRule(
  "policy.descriptionTooLong",
  ({ input }) => `has ${String(input).length} characters: a description takes at most ${LIMITS.descriptionMax}; shorten it`,
);
const DESCRIPTION_CHARS = defineRule("policy.descriptionChars", ({ input }) => `is ${show(input)}: a description must not contain < or >; remove them`);
const FLAG = defineRule("input.boolean", ({ input, path }) => {
  const fallback = path === "enabled";
  return `is ${show(input)}: ${path} must be true or false; leave it out for ${fallback}`;
});
const NO_SCHEDULE = defineRule("policy.scheduleMissing", () => 'is missing: a policy needs a schedule; add e.g. schedule: { times: ["02:00"] }');
const NO_RETENTION = defineRule(
  "policy.retentionMissing",
  () => "is missing: choose how long backups are kept; write { maxBackups: 7 }, { maxAgeDays: 30 } or { permanent: true }",
);

/** A boolean given natively or as "true"/"false" (Pulumi may pass either), or the preview sentinel. */
export const flagSchema = orUnknown(z.preprocess((value) => asBoolean(value) ?? value, z.boolean(says(FLAG))));

/**
 * The structure of BackupPolicy inputs, before the pattern is derived; with `now` (deploy time) the schedule's
 * UTC rule too. {@link validatePolicyInputs} parses with one schema built without `now` and adds that rule's
 * failure itself: the same failures, in the same order (its spec compares the two).
 */
export function policyInputsSchema(now?: Date) {
  return z.preprocess(
    (raw) => withoutAbsent(raw, true),
    z.strictObject(
      {
        name: orUnknown(
          z
            .string(says(NAME))
            .refine((name) => name.length >= LIMITS.nameMin && name.length <= LIMITS.nameMax && NAME_CHARS.test(name), says(NAME)),
        ),
        description: orUnknown(
          z
            .string(says(DESCRIPTION_TYPE))
            .max(LIMITS.descriptionMax, says(DESCRIPTION_LENGTH))
            .refine((text) => !DESCRIPTION_FORBIDDEN.test(text), says(DESCRIPTION_CHARS)),
        ).default(""),
        enabled: flagSchema.default(true),
        schedule: required(NO_SCHEDULE, scheduleSchema(now)),
        retention: required(NO_RETENTION, retentionSchema),
        tags: tagsSchema.default({}),
        adopt: flagSchema.default(false),
        profile: profileSchema,
      },
      saysByCode({ unrecognized_keys: UNKNOWN_INPUT, otherwise: INPUTS_TYPE }),
    ),
  );
}

// Built once: a schema per call cost about 1 ms per check (zod builds each schema object and generates its object
// parser per instance), 32 times per operation at the project's quota.
const POLICY_INPUTS = policyInputsSchema();

// The keys before `schedule` in the schema: zod reports issues key by key, so a schedule failure follows theirs.
const BEFORE_SCHEDULE = ["name", "description", "enabled"];

function underKey(path: string, key: string): boolean {
  return path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`);
}

/**
 * The failures of `policyInputsSchema(now)` from those of `policyInputsSchema()`: the schedule's UTC rule runs
 * only on a schedule without failures of its own, and its failure takes the schedule's place in key order.
 */
function withUtcRule(parsed: Parsed<z.output<typeof POLICY_INPUTS>>, raw: unknown, now: Date): CheckFailure[] {
  if (!isRecord(raw) || parsed.failures.some((f) => underKey(f.path, "schedule"))) return parsed.failures;
  // With other keys failing there is no parsed value: the schedule alone, through the same schedule schema.
  const schedule = parsed.value !== undefined ? (parsed.value.schedule as Schedule) : validateSchedule((withoutAbsent(raw, true) as Record<string, unknown>).schedule).value;
  const utc = schedule === undefined ? undefined : scheduleUtcFailure(schedule, now);
  if (utc === undefined) return parsed.failures;
  const at = parsed.failures.findIndex((f) => !BEFORE_SCHEDULE.some((key) => underKey(f.path, key)));
  const out = [...parsed.failures];
  out.splice(at === -1 ? out.length : at, 0, utc);
  return out;
}

/**
 * Validates raw BackupPolicy inputs. `now` is deploy time: the zone offset used for the pattern.
 * Keys starting with `__` (engine and SDK plumbing) are ignored. Never throws.
 */
export function validatePolicyInputs(raw: unknown, now: Date): PolicyInputsValidation {
  const parsed = parseInputs(POLICY_INPUTS, raw);
  const failures = withUtcRule(parsed, raw, now);
  const unknowns = unknownPaths(withoutAbsent(raw, true));
  const value = failures.length === 0 ? parsed.value : undefined;
  if (value === undefined) return { failures, unknowns };
  const schedule = value.schedule as Schedule;
  const scheduleKnown = unknownPaths(schedule).length === 0;
  const retention = value.retention as RetentionInput;
  return {
    inputs: {
      name: value.name,
      description: value.description,
      enabled: value.enabled as boolean,
      schedule,
      retention,
      tags: value.tags as Record<string, string>,
      adopt: value.adopt as boolean,
      ...(value.profile !== undefined ? { profile: value.profile } : {}),
      pattern: scheduleKnown ? renderPattern(scheduleToUtcRules(schedule, now)) : UNKNOWN,
      ...(retention.longTerm === undefined ? {} : { longTermZone: scheduleKnown ? longTermZone(schedule.timezone, now) : UNKNOWN }),
    },
    failures,
    unknowns,
  };
}
