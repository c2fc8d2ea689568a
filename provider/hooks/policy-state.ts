/**
 * What a BackupPolicy holds in state: the declared inputs (normalized) plus what the cloud reports. On refresh
 * the live policy is turned back into the user's terms (schedule in the user's zone, retention kind) so that
 * drift shows as a diff of inputs and the next `up` restores the declared values.
 */
import type { PolicyRecord, PolicySpec } from "../backends/policy-backend";
import { parsePattern, renderPattern } from "../domain/pattern";
import type { PolicyInputs } from "../domain/policy-inputs";
import { retentionFromRecord, type RetentionInput } from "../domain/retention";
import type { Schedule } from "../domain/schedule";
import { DEFAULT_TIMEZONE } from "../domain/timezone";
import { utcRulesToSchedule } from "../domain/utc-rules";
import { profileOf } from "./profile-change";

/** The state of a policy as the user declares it (also the `inputs` returned by read): the domain's inputs minus what is derived. */
export interface PolicyDeclared extends Omit<PolicyInputs, "pattern" | "longTermZone"> {
  __resourceName: string;
}

/** The outputs of a policy: declared values plus what only the cloud knows. Never undefined values. */
export interface PolicyOutputs extends PolicyDeclared {
  pattern: string;
  /** The `timezone` sent with the long-term counts ("" without them); the API never shows it, so state keeps it. */
  longTermZone: string;
  status: string;
  createdAt: string;
  projectId: string;
}

export function specFromInputs(inputs: PolicyInputs): PolicySpec {
  return {
    name: inputs.name,
    description: inputs.description,
    enabled: inputs.enabled,
    pattern: inputs.pattern,
    retention: inputs.retention,
    tags: inputs.tags,
    ...(inputs.longTermZone ? { longTermZone: inputs.longTermZone } : {}),
  };
}

export function outputsFromCreate(resourceName: string, inputs: PolicyInputs, record: PolicyRecord): PolicyOutputs {
  return {
    __resourceName: resourceName,
    name: record.name,
    description: inputs.description,
    enabled: inputs.enabled,
    schedule: inputs.schedule,
    retention: inputs.retention,
    tags: inputs.tags,
    adopt: inputs.adopt,
    ...profileOf(inputs),
    pattern: canonicalPattern(record.pattern) ?? inputs.pattern,
    longTermZone: inputs.longTermZone ?? "",
    status: record.status,
    createdAt: record.createdAt,
    projectId: record.projectId,
  };
}

/**
 * The state the live record means, using the previous state for what the API cannot tell (the time zone the
 * user thinks in; the schedule as written when the pattern did not change).
 */
export function outputsFromRecord(record: PolicyRecord, previous: Partial<PolicyOutputs>, now: Date): PolicyOutputs {
  const pattern = canonicalPattern(record.pattern) ?? record.pattern;
  return {
    __resourceName: previous.__resourceName ?? "",
    name: record.name,
    description: record.description,
    enabled: record.enabled,
    schedule: scheduleFromPattern(pattern, previous, now),
    retention: withPreviousLongTerm(retentionFromRecord(record.retention) ?? bothLimits(record), previous),
    tags: { ...record.tags },
    adopt: previous.adopt ?? false,
    ...profileOf(previous),
    pattern,
    longTermZone: typeof previous.longTermZone === "string" ? previous.longTermZone : "",
    status: record.status,
    createdAt: record.createdAt,
    projectId: record.projectId,
  };
}

/** The inputs part of a state (what `read` reports as inputs). */
export function declaredPart(outputs: PolicyOutputs): PolicyDeclared {
  const { __resourceName, name, description, enabled, schedule, retention, tags, adopt } = outputs;
  return { __resourceName, name, description, enabled, schedule, retention, tags, adopt, ...profileOf(outputs) };
}

/** The API never shows the long-term counts: the previous state's stand, so refresh neither loses them nor shows a diff. */
function withPreviousLongTerm(retention: RetentionInput, previous: Partial<PolicyOutputs>): RetentionInput {
  const longTerm = previous.retention?.longTerm;
  return longTerm ? { ...retention, longTerm } : retention;
}

/** A count and an age limit at once (set out of band): shown as both, so the diff against any declared kind shows. */
function bothLimits(record: PolicyRecord): RetentionInput {
  return { maxBackups: record.retention.maxBackups, maxAgeDays: record.retention.retentionDurationDays } as unknown as RetentionInput;
}

function canonicalPattern(pattern: string): string | undefined {
  const parsed = parsePattern(pattern);
  return parsed.ok ? renderPattern(parsed.rules) : undefined;
}

function scheduleFromPattern(pattern: string, previous: Partial<PolicyOutputs>, now: Date): Schedule {
  const prevSchedule = previous.schedule;
  // Unchanged pattern: keep the schedule as written (the zone's offset may differ today, e.g. after DST).
  if (prevSchedule && previous.pattern === pattern) return prevSchedule;
  const tz = prevSchedule?.timezone ?? DEFAULT_TIMEZONE;
  const parsed = parsePattern(pattern);
  if (parsed.ok) {
    const back = utcRulesToSchedule(parsed.rules, tz, now);
    if (back.ok) return back.schedule;
  }
  // Not expressible as one schedule: keep the old one; the pattern output still shows the drift.
  return prevSchedule ?? { times: [], timezone: tz };
}
