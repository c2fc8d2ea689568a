/**
 * All inputs of a BackupPolicy, validated together so `check` reports every problem at once,
 * normalized so `diff` compares intent, with the iCalendar pattern derived at deploy time.
 */
import { CheckFailure, childPath, failure, show } from "./failures";
import { asBoolean, isRecord } from "./coerce";
import { DESCRIPTION_FORBIDDEN, LIMITS, NAME_CHARS } from "./limits";
import { renderPattern } from "./pattern";
import { RetentionInput, validateRetention } from "./retention";
import { Schedule, validateSchedule } from "./schedule";
import { validateTags } from "./tags";
import { isUnknown, UNKNOWN } from "./unknown";
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
  /** The canonical UTC iCalendar pattern derived from the schedule (the preview sentinel while unknown). */
  pattern: string;
}

/** Validated policy inputs; paths in `unknowns` hold the preview sentinel instead of a value. */
export interface PolicyInputsValidation {
  /** Present when there are no failures. */
  inputs?: PolicyInputs;
  failures: CheckFailure[];
  unknowns: string[];
}

const KEYS = ["name", "description", "enabled", "schedule", "retention", "tags", "adopt"];

/**
 * Validates raw BackupPolicy inputs. `now` is deploy time: the zone offset used for the pattern.
 * Keys starting with `__` (engine and SDK plumbing) are ignored. Never throws.
 */
export function validatePolicyInputs(raw: unknown, now: Date): PolicyInputsValidation {
  if (!isRecord(raw)) return { failures: [failure("", `inputs are ${show(raw)}: BackupPolicy inputs must be an object`)], unknowns: [] };
  const failures: CheckFailure[] = [];
  const unknowns: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!key.startsWith("__") && !KEYS.includes(key) && raw[key] !== undefined && raw[key] !== null) {
      failures.push(failure(childPath("", key), `is not an input of BackupPolicy: remove it (inputs are ${KEYS.join(", ")})`));
    }
  }
  const name = readName(raw.name, failures, unknowns);
  const description = readDescription(raw.description, failures, unknowns);
  const enabled = readFlag(raw.enabled, "enabled", true, failures, unknowns);
  const adopt = readFlag(raw.adopt, "adopt", false, failures, unknowns);
  const schedule = validateSchedule(raw.schedule === null ? undefined : raw.schedule, "schedule", now);
  if (raw.schedule === undefined || raw.schedule === null) {
    schedule.failures = [failure("schedule", 'is missing: a policy needs a schedule; add e.g. schedule: { times: ["02:00"] }')];
  }
  const retention = validateRetention(raw.retention);
  if (raw.retention === undefined || raw.retention === null) {
    retention.failures = [failure("retention", "is missing: choose how long backups are kept; write { maxBackups: 7 }, { maxAgeDays: 30 } or { permanent: true }")];
  }
  const tags = validateTags(raw.tags);
  for (const part of [schedule, retention, tags]) {
    failures.push(...part.failures);
    unknowns.push(...part.unknowns);
  }
  if (failures.length > 0 || !schedule.value || !retention.value || !tags.value) return { failures, unknowns };
  const scheduleKnown = !schedule.unknowns.length;
  return {
    inputs: {
      name,
      description,
      enabled,
      schedule: schedule.value,
      retention: retention.value,
      tags: tags.value,
      adopt,
      pattern: scheduleKnown ? renderPattern(scheduleToUtcRules(schedule.value, now)) : UNKNOWN,
    },
    failures,
    unknowns,
  };
}

function readName(raw: unknown, failures: CheckFailure[], unknowns: string[]): string {
  if (isUnknown(raw)) {
    unknowns.push("name");
    return raw;
  }
  const rule = `a policy name must be ${LIMITS.nameMin}-${LIMITS.nameMax} characters of letters, digits, _ and -`;
  if (typeof raw !== "string") {
    failures.push(failure("name", `is ${show(raw)}: ${rule}; set name, e.g. "daily-web"`));
    return "";
  }
  if (raw.length < LIMITS.nameMin || raw.length > LIMITS.nameMax || !NAME_CHARS.test(raw)) {
    const fix = raw.length > LIMITS.nameMax ? `shorten it to ${LIMITS.nameMax} characters` : `replace other characters, e.g. ${JSON.stringify(raw.slice(0, 40).replace(/[^A-Za-z0-9_-]+/g, "-") || "daily-web")}`;
    failures.push(failure("name", `is ${show(raw)}: ${rule}; ${fix}`));
  }
  return raw;
}

function readDescription(raw: unknown, failures: CheckFailure[], unknowns: string[]): string {
  if (raw === undefined || raw === null) return "";
  if (isUnknown(raw)) {
    unknowns.push("description");
    return raw;
  }
  if (typeof raw !== "string") {
    failures.push(failure("description", `is ${show(raw)}: a description must be text of 0-${LIMITS.descriptionMax} characters; write it as a string`));
    return "";
  }
  if (raw.length > LIMITS.descriptionMax) {
    failures.push(failure("description", `has ${raw.length} characters: a description takes at most ${LIMITS.descriptionMax}; shorten it`));
  }
  if (DESCRIPTION_FORBIDDEN.test(raw)) failures.push(failure("description", `is ${show(raw)}: a description must not contain < or >; remove them`));
  return raw;
}

function readFlag(raw: unknown, path: string, fallback: boolean, failures: CheckFailure[], unknowns: string[]): boolean {
  if (raw === undefined || raw === null) return fallback;
  if (isUnknown(raw)) {
    unknowns.push(path);
    return raw as unknown as boolean;
  }
  const flag = asBoolean(raw);
  if (flag === undefined) failures.push(failure(path, `is ${show(raw)}: ${path} must be true or false; leave it out for ${fallback}`));
  return flag ?? fallback;
}
