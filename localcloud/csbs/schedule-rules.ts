/**
 * When a set of RRULEs runs, and whether it obeys the CSBS limits (docs/csbs-api-notes.md D and E #5): at most 24 runs in
 * any UTC day and at least 3600 s between consecutive runs, checked over one WHOLE cycle, including the pair
 * across midnight and the pair across the end of the cycle. Karbor only compared the next two runs; that lets
 * irregular patterns through, which is exactly what this check must not do.
 */
import { IcalRule, WEEKDAYS } from "./ical";
import { MAX_RUNS_PER_DAY, MIN_SECONDS_BETWEEN_RUNS } from "./limits";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Longer combined cycles (many coprime INTERVALs) are refused rather than expanded. */
const MAX_CYCLE_DAYS = 10_000;

/** Days since 1970-01-01 (UTC) of an instant. */
export function epochDay(at: Date | number): number {
  return Math.floor((typeof at === "number" ? at : at.getTime()) / DAY_MS);
}

/** Weekday index (0 = Monday) of an epoch day; 1970-01-01 was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function runsOnDay(rule: IcalRule, day: number, startDay: number): boolean {
  if (rule.freq === "WEEKLY") return rule.byDay.includes(weekdayOf(day));
  return (((day - startDay) % rule.interval) + rule.interval) % rule.interval === 0;
}

function minutesOfDay(rule: IcalRule): number[] {
  const out: number[] = [];
  for (const h of rule.byHour) for (const m of rule.byMinute) out.push(h * 60 + m);
  return out;
}

/** The distinct minutes of the day (0..1439) on which any rule runs on `day`, sorted. */
function dayMinutes(rules: IcalRule[], day: number, startDay: number): number[] {
  const set = new Set<number>();
  for (const rule of rules) if (runsOnDay(rule, day, startDay)) for (const m of minutesOfDay(rule)) set.add(m);
  return [...set].sort((a, b) => a - b);
}

/**
 * Every run in (from, to], in time order. DAILY intervals count days from `startDay` (the epoch day of the
 * trigger's start_time, i.e. the policy's creation day).
 */
export function occurrencesBetween(rules: IcalRule[], startDay: number, from: Date, to: Date): Date[] {
  const out: Date[] = [];
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (toMs <= fromMs) return out;
  for (let day = epochDay(fromMs); day <= epochDay(toMs); day++) {
    if (day < startDay) continue;
    for (const m of dayMinutes(rules, day, startDay)) {
      const t = day * DAY_MS + m * MINUTE_MS;
      if (t > fromMs && t <= toMs) out.push(new Date(t));
    }
  }
  return out;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Length in days after which the union of the rules repeats. */
export function cycleDays(rules: IcalRule[]): number {
  let cycle = 1;
  for (const rule of rules) {
    const period = rule.freq === "WEEKLY" ? 7 : rule.interval;
    cycle = (cycle * period) / gcd(cycle, period);
    if (cycle > MAX_CYCLE_DAYS) return cycle;
  }
  return cycle;
}

/** Checks the run limits over one whole cycle that starts on `startDay`; returns the problem or undefined. */
export function checkScheduleRules(rules: IcalRule[], startDay: number): string | undefined {
  const cycle = cycleDays(rules);
  if (cycle > MAX_CYCLE_DAYS) {
    return `the RRULE lines only repeat after more than ${MAX_CYCLE_DAYS} days; use fewer different INTERVAL values`;
  }
  const runs: number[] = []; // minutes since the start of the cycle
  for (let d = 0; d < cycle; d++) {
    const minutes = dayMinutes(rules, startDay + d, startDay);
    if (minutes.length > MAX_RUNS_PER_DAY) {
      return `the trigger pattern runs ${minutes.length} times on ${describe(startDay, d * 1440, cycle).split(" ")[0]}; ` +
        `a policy may run at most ${MAX_RUNS_PER_DAY} times in a day`;
    }
    for (const m of minutes) runs.push(d * 1440 + m);
  }
  if (runs.length === 0) return "the trigger pattern never runs; give BYDAY, BYHOUR and BYMINUTE values";
  const minGap = MIN_SECONDS_BETWEEN_RUNS / 60;
  for (let i = 0; i < runs.length; i++) {
    const a = runs[i];
    const last = i === runs.length - 1;
    const b = last ? runs[0] + cycle * 1440 : runs[i + 1];
    if (b - a < minGap) {
      const where = last ? (cycle === 1 ? "across midnight" : "across the end of the cycle into the next")
        : Math.floor(a / 1440) !== Math.floor(b / 1440) ? "across midnight" : "on the same day";
      return `the trigger pattern runs at ${describe(startDay, a, cycle)} and ${describe(startDay, b, cycle)}, ` +
        `${(b - a) * 60} seconds apart (${where}); runs must be at least ${MIN_SECONDS_BETWEEN_RUNS} seconds apart, ` +
        `including the last run of a day and the first run of the next`;
    }
  }
  return undefined;
}

function describe(startDay: number, minuteOfCycle: number, cycle: number): string {
  const d = Math.floor(minuteOfCycle / 1440);
  const m = minuteOfCycle % 1440;
  const hhmm = `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  const dayName = WEEKDAYS[weekdayOf(startDay + d)];
  const suffix = cycle > 7 ? ` (day ${(d % cycle) + 1} of the ${cycle}-day cycle)` : "";
  return `${dayName} ${hhmm} UTC${suffix}`;
}
