/** Turns whole-cycle violations into user messages that name the times, the days, the rule and the fix. */
import { CycleShape, CycleViolation, TooCloseViolation } from "./cycle";
import { plural } from "./failures";
import { formatClockTime } from "./clock-time";
import { MINUTES_PER_DAY } from "./limits";
import { weekdayAt } from "./weekday";

/** Label of a day of the cycle: "MO" in a weekly cycle, "day 3" in an n-day cycle, none for every day. */
export function dayLabel(shape: CycleShape, day: number): string | undefined {
  if (shape.kind === "weekly") return weekdayAt(day);
  if (shape.kind === "every-n-days") return `day ${(day % shape.n) + 1}`;
  return undefined;
}

/**
 * One failure per distinct pair of times (the same pair on several days becomes one message listing
 * the days), so a weekday schedule does not repeat the same problem five times.
 */
export function tooCloseTexts(violations: readonly CycleViolation[], shape: CycleShape): string[] {
  const groups = new Map<string, { first: TooCloseViolation; days: string[] }>();
  for (const v of violations) {
    if (v.kind !== "too-close") continue;
    const key = `${v.from % MINUTES_PER_DAY}|${v.to % MINUTES_PER_DAY}|${v.gapMinutes}|${v.acrossMidnight}`;
    const group = groups.get(key) ?? { first: v, days: [] };
    const fromDay = dayLabel(shape, Math.floor(v.from / MINUTES_PER_DAY));
    const toDay = dayLabel(shape, Math.floor(v.to / MINUTES_PER_DAY));
    // Pairs within one day repeat identically on every run day; only midnight pairs depend on the days.
    if (v.acrossMidnight && fromDay !== undefined) group.days.push(toDay !== undefined ? `${fromDay}→${toDay}` : fromDay);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ first, days }) => tooCloseReason(first, days));
}

function tooCloseReason(v: TooCloseViolation, days: string[]): string {
  const pair = `${JSON.stringify(formatClockTime(v.from))} and ${JSON.stringify(formatClockTime(v.to))}`;
  const gap = plural(v.gapMinutes, "minute");
  const where = days.length > 0 ? ` (${days.join(", ")})` : "";
  if (v.acrossMidnight) {
    return (
      `${pair} are ${gap} apart across midnight${where}: runs must be at least 1 hour apart, ` +
      "also from the last run of one day to the first of the next; move one of them"
    );
  }
  return `${pair} are ${gap} apart${where}: runs must be at least 1 hour apart; move one of them or remove one`;
}
