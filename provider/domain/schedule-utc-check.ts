/**
 * Why the UTC rules can break the whole-cycle rule when the local schedule does not: "every n days"
 * is one list of UTC times repeated every n days, so when the offset moves some local times across
 * midnight and not others, their order and gaps in UTC change.
 */
import type { Schedule } from "./schedule";
import { plural } from "./failures";
import { checkCycle } from "./cycle";
import { formatClockTime } from "./clock-time";
import { MINUTES_PER_DAY } from "./limits";
import { formatFixedOffset, offsetMinutes } from "./timezone";
import { rulesToCycle, scheduleToUtcRules } from "./utc-rules";

/** Why the UTC rendering of a valid local schedule breaks the rule (said of its timezone), or undefined when it does not. */
export function timezoneCycleText(schedule: Schedule, at: Date): string | undefined {
  const offset = offsetMinutes(schedule.timezone, at);
  const cycle = rulesToCycle(scheduleToUtcRules(schedule, at));
  if (cycle === undefined) return undefined;
  const tooClose = checkCycle(cycle).find((v) => v.kind === "too-close");
  if (tooClose === undefined || tooClose.kind !== "too-close") return undefined;
  const local = schedule.times.map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
  const moved = local.filter((m) => m - offset < 0 || m - offset >= MINUTES_PER_DAY);
  const stayed = local.filter((m) => !moved.includes(m));
  const direction = offset > 0 ? "previous" : "next";
  const quote = (ms: number[]): string => ms.map((m) => JSON.stringify(formatClockTime(m))).join(", ");
  const safeFrom = formatClockTime(Math.max(0, offset));
  const safeTo = formatClockTime(Math.min(MINUTES_PER_DAY, MINUTES_PER_DAY + offset) - 1);
  return (
      `${JSON.stringify(schedule.timezone)} is ${formatFixedOffset(offset)} at deploy time, so in UTC ${quote(moved)} ` +
        `move${moved.length === 1 ? "s" : ""} to the ${direction} day but ${quote(stayed)} do${stayed.length === 1 ? "es" : ""} not; ` +
        `the service repeats one list of UTC times every ${schedule.everyNDays ?? 1} days, so runs at ` +
        `${JSON.stringify(formatClockTime(tooClose.from))} and ${JSON.stringify(formatClockTime(tooClose.to))} UTC would be ` +
        `${plural(tooClose.gapMinutes, "minute")} apart: keep every time between "${safeFrom}" and "${safeTo}" local ` +
        `so none crosses midnight in UTC, or use a fixed zone such as "UTC"`
  );
}
