/**
 * Backups run only inside the organisation's window, e.g. 00:00 to 06:00 Europe/Paris (both ends included; a
 * window may wrap midnight, 22:00 to 04:00). Every run of the schedule's cycle is placed in the window's zone
 * with the domain's own schedule → UTC conversion, so a schedule in another zone is judged by when it really runs.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import {
  formatClockTime,
  MINUTES_PER_DAY,
  offsetMinutes,
  parseClockTime,
  parseTimezone,
  rulesToCycle,
  scheduleToUtcRules,
  validateSchedule,
} from "../../../provider/domain";
import { policySubject } from "../policy-subject";
import { reportUnknowns } from "../preview-unknown";
import { RULES } from "../rule-names";

export interface RunWindowConfig {
  from?: string;
  to?: string;
  /** @default "UTC" */
  timezone?: string;
}

const EXAMPLE = `{ "from": "00:00", "to": "06:00", "timezone": "Europe/Paris" }`;

export const runWindow: ResourceValidationPolicy = {
  name: RULES.runWindow,
  description: "Backup policies run only between from and to (HH:MM, both included) in timezone.",
  enforcementLevel: "disabled",
  configSchema: {
    properties: {
      from: { type: "string", description: 'Start of the window, "HH:MM".' },
      to: { type: "string", description: 'End of the window, "HH:MM" (included).' },
      timezone: { type: "string", description: 'IANA zone or fixed offset of the window (default "UTC").' },
    },
  },
  validateResource: (args, reportViolation) => {
    const subject = policySubject(args);
    if (subject === undefined) return;
    const config = args.getConfig<RunWindowConfig>();
    const window = readWindow(config);
    if (typeof window === "string") {
      reportViolation(`${RULES.runWindow} config ${window}; write it under "${RULES.runWindow}" in the policy pack config as ${EXAMPLE}`);
      return;
    }
    const schedule = validateSchedule(subject.props.schedule, "schedule");
    if (schedule.unknowns.length > 0) return reportUnknowns([`${schedule.unknowns.join(", ")} of ${subject.label}`]);
    // An invalid schedule fails the provider's own check; this rule judges only schedules the service would take.
    if (schedule.value === undefined) return;
    const now = new Date();
    const cycle = rulesToCycle(scheduleToUtcRules(schedule.value, now));
    if (cycle === undefined) return;
    const offset = offsetMinutes(window.timezone, now);
    const outside = new Set<number>();
    for (const run of cycle.runs) {
      const local = (((run + offset) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
      if (!inWindow(local, window.from, window.to)) outside.add(local);
    }
    if (outside.size === 0) return;
    const times = [...outside].sort((a, b) => a - b).map(formatClockTime);
    const own = `schedule.times ${JSON.stringify(schedule.value.times)} in ${schedule.value.timezone}`;
    reportViolation(
      `${subject.label} runs at ${times.join(", ")} ${window.timezone} (${own}): backups may run only from ` +
        `${formatClockTime(window.from)} to ${formatClockTime(window.to)} ${window.timezone}; move its run times into that window`,
    );
  },
};

interface Window {
  from: number;
  to: number;
  timezone: string;
}

/** The window, or what is wrong with the config. */
function readWindow(config: RunWindowConfig): Window | string {
  if (config.from === undefined || config.to === undefined) return "needs both from and to";
  const from = parseClockTime(config.from);
  if (!from.ok) return `from is ${JSON.stringify(config.from)}: ${from.rule}; ${from.fix}`;
  const to = parseClockTime(config.to);
  if (!to.ok) return `to is ${JSON.stringify(config.to)}: ${to.rule}; ${to.fix}`;
  const tz = parseTimezone(config.timezone ?? "UTC");
  if (!tz.ok) return `timezone is ${JSON.stringify(config.timezone)}: ${tz.rule}; ${tz.fix}`;
  return { from: from.minutes, to: to.minutes, timezone: tz.name };
}

function inWindow(minute: number, from: number, to: number): boolean {
  return from <= to ? minute >= from && minute <= to : minute >= from || minute <= to;
}
