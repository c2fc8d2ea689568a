/**
 * When a policy runs next: the first run of its UTC rules strictly after an instant. Weekly rules repeat on
 * days of the week; a DAILY rule with an interval of n days counts its days from the day the trigger started
 * (the service anchors the cycle there), so that day is needed to place an every-n-days run.
 */
import { MINUTES_PER_DAY } from "./limits";
import type { RRule } from "./utc-rules";
import { utcWeekdayOf } from "./weekday";

const DAY_MS = MINUTES_PER_DAY * 60_000;

/** Days since 1970-01-01 of the instant's UTC date. */
export function utcEpochDay(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS);
}

function ruleRunsOn(rule: RRule, day: number, anchorDay: number): boolean {
  if (rule.byDay.length > 0 && !rule.byDay.includes(utcWeekdayOf(new Date(day * DAY_MS)))) return false;
  if (rule.freq === "DAILY" && rule.interval > 1) return (((day - anchorDay) % rule.interval) + rule.interval) % rule.interval === 0;
  return true;
}

/**
 * The first run strictly after `after`, or undefined when the rules never run.
 * @param anchor the instant the trigger started (its UTC date starts every-n-days cycles)
 */
export function nextRunAfter(rules: readonly RRule[], after: Date, anchor: Date): Date | undefined {
  const anchorDay = utcEpochDay(anchor);
  // The trigger makes no run before the day it started.
  const firstDay = Math.max(utcEpochDay(after), anchorDay);
  // One week plus the longest interval covers every rule's next run.
  const horizon = 7 + rules.reduce((n, r) => Math.max(n, r.interval), 1);
  let best: number | undefined;
  for (const rule of rules) {
    const minutes = rule.byHour.flatMap((h) => rule.byMinute.map((m) => h * 60 + m)).sort((a, b) => a - b);
    for (let day = firstDay; day <= firstDay + horizon && minutes.length > 0; day++) {
      if (!ruleRunsOn(rule, day, anchorDay)) continue;
      const run = minutes.map((m) => day * DAY_MS + m * 60_000).find((t) => t > after.getTime());
      if (run !== undefined) {
        best = best === undefined ? run : Math.min(best, run);
        break;
      }
    }
  }
  return best === undefined ? undefined : new Date(best);
}
