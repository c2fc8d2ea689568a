/**
 * Backups are kept at least so long: `minBackups` (a count) and/or `minDays`. A permanent policy always complies.
 * A policy that keeps backups by the other measure is judged by what its schedule makes of it: keeping the newest
 * N backups of a schedule with R runs a day covers N / R days, and keeping D days keeps D × R backups. Long-term
 * retention (`longTerm`: daily, weekly, monthly, yearly counts) meets `minDays` when its longest period spans it.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isUnknown, type RetentionInput, rulesToCycle, scheduleToUtcRules, validateRetention, validateSchedule } from "../../../provider/domain";
import { policySubject } from "../policy-subject";
import { reportUnknowns } from "../preview-unknown";
import { RULES } from "../rule-names";

export interface MinimumRetentionConfig {
  minBackups?: number;
  minDays?: number;
}

export const minimumRetention: ResourceValidationPolicy = {
  name: RULES.minimumRetention,
  description: "Backup policies keep backups at least minBackups backups and/or minDays days (permanent always complies).",
  enforcementLevel: "disabled",
  configSchema: {
    properties: {
      minBackups: { type: "integer", minimum: 1, description: "Fewest backups a policy may keep." },
      minDays: { type: "integer", minimum: 1, description: "Fewest days a policy may keep backups." },
    },
  },
  validateResource: (args, reportViolation) => {
    const subject = policySubject(args);
    if (subject === undefined) return;
    const { minBackups, minDays } = args.getConfig<MinimumRetentionConfig>();
    if (minBackups === undefined && minDays === undefined) {
      reportViolation(
        `${RULES.minimumRetention} is on but its config sets neither minBackups nor minDays: ` +
          `add e.g. { "minBackups": 7 } or { "minDays": 30 } under "${RULES.minimumRetention}" in the policy pack config`,
      );
      return;
    }
    const retention = validateRetention(subject.props.retention);
    if (retention.unknowns.length > 0) return reportUnknowns([`retention of ${subject.label}`]);
    const value = retention.value;
    if (value === undefined || "permanent" in value) return;
    const crossMeasure = "maxBackups" in value ? minDays !== undefined : minBackups !== undefined;
    const perDay = crossMeasure ? runsPerDay(subject.props.schedule) : undefined;
    if (perDay === "unknown") return reportUnknowns([`schedule of ${subject.label}, which decides how long its retention lasts`]);
    const problems: string[] = [];
    const dayProblems: string[] = [];
    if ("maxBackups" in value) {
      if (minBackups !== undefined && value.maxBackups < minBackups) {
        problems.push(`keeps ${value.maxBackups} backups (retention.maxBackups) and the minimum is ${minBackups}: set maxBackups to ${minBackups} or more`);
      }
      if (minDays !== undefined && perDay !== undefined) {
        const days = value.maxBackups / perDay;
        if (days < minDays) {
          dayProblems.push(
            `keeps ${value.maxBackups} backups at ${formatRate(perDay)} runs a day (retention.maxBackups), about ${formatRate(days)} days, ` +
              `and the minimum is ${minDays} days: set maxBackups to ${Math.ceil(minDays * perDay)} or more, or use { maxAgeDays: ${minDays} }`,
          );
        }
      }
    } else {
      if (minDays !== undefined && value.maxAgeDays < minDays) {
        dayProblems.push(`keeps backups ${value.maxAgeDays} days (retention.maxAgeDays) and the minimum is ${minDays}: set maxAgeDays to ${minDays} or more`);
      }
      if (minBackups !== undefined && perDay !== undefined) {
        const kept = value.maxAgeDays * perDay;
        if (kept < minBackups) {
          problems.push(
            `keeps backups ${value.maxAgeDays} days at ${formatRate(perDay)} runs a day (retention.maxAgeDays), about ${formatRate(kept)} backups, ` +
              `and the minimum is ${minBackups} backups: set maxAgeDays to ${Math.ceil(minBackups / perDay)} or more, or use { maxBackups: ${minBackups} }`,
          );
        }
      }
    }
    // Long-term retention keeps one backup per period for its longest period: that span counts toward minDays.
    const longTermDays = value.longTerm === undefined ? 0 : longTermSpanDays(value.longTerm);
    const keptLongEnough = minDays !== undefined && longTermDays >= minDays;
    for (const p of [...problems, ...(keptLongEnough ? [] : dayProblems)]) reportViolation(`${subject.label} ${p}`);
  },
};

/** Days the long-term counts span: months taken as 28 days and years as 365, so the span is never overstated. */
function longTermSpanDays(longTerm: NonNullable<RetentionInput["longTerm"]>): number {
  return Math.max(longTerm.daily, longTerm.weekly * 7, longTerm.monthly * 28, longTerm.yearly * 365);
}

/** Average runs per day of the schedule; undefined when it cannot be read (the provider's check reports that). */
function runsPerDay(raw: unknown): number | undefined | "unknown" {
  const schedule = validateSchedule(raw, "schedule");
  if (schedule.unknowns.length > 0) return "unknown";
  if (schedule.value === undefined || isUnknown(schedule.value)) return undefined;
  const cycle = rulesToCycle(scheduleToUtcRules(schedule.value, new Date()));
  if (cycle === undefined || cycle.runs.length === 0) return undefined;
  return cycle.runs.length / cycle.lengthDays;
}

function formatRate(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
