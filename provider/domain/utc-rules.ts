/**
 * The bridge between a user's local schedule and the UTC rules the API runs. A local time can move
 * to the previous or next weekday in UTC; the offset used is the zone's offset at one instant
 * (deploy time), because the API has no notion of time zones.
 */
import type { Schedule } from "./schedule";
import { CycleRuns } from "./cycle";
import { formatClockTime } from "./clock-time";
import { MINUTES_PER_DAY, MINUTES_PER_WEEK } from "./limits";
import { offsetMinutes } from "./timezone";
import { Weekday, WEEKDAYS, weekdayAt, weekdayIndex } from "./weekday";

/** How often an RRULE repeats. */
export type Frequency = "WEEKLY" | "DAILY";

/** One RRULE line: every listed hour × every listed minute, on the listed days (WEEKLY) or every `interval` days (DAILY). */
export interface RRule {
  freq: Frequency;
  /** Days between runs for DAILY (1..30); always 1 for WEEKLY. */
  interval: number;
  /** Days of the week (WEEKLY, or DAILY filtered to days); empty for plain DAILY. */
  byDay: Weekday[];
  /** Hours 0..23, UTC. */
  byHour: number[];
  /** Minutes 0..59. */
  byMinute: number[];
}

/** A whole trigger pattern: the union of its RRULE lines. */
export type UtcRules = RRule[];

const mod = (value: number, by: number): number => ((value % by) + by) % by;
const ascending = (a: number, b: number): number => a - b;

/** True for rules that repeat on days of the week (WEEKLY, or DAILY restricted to days). */
function isWeekly(rule: RRule): boolean {
  return rule.freq === "WEEKLY" || (rule.interval === 1 && rule.byDay.length > 0);
}

/** Minutes of the day a rule runs at (every BYHOUR × every BYMINUTE). */
function minutesOf(rule: RRule): number[] {
  const out = new Set<number>();
  for (const hour of rule.byHour) for (const minute of rule.byMinute) out.add(hour * 60 + minute);
  return [...out].sort(ascending);
}

/** Weekly runs as minutes from Monday 00:00. */
function weeklyRuns(rules: readonly RRule[]): number[] {
  const runs = new Set<number>();
  for (const rule of rules) {
    const days = rule.byDay.length > 0 ? rule.byDay : WEEKDAYS;
    for (const day of days) for (const minute of minutesOf(rule)) runs.add(weekdayIndex(day) * MINUTES_PER_DAY + minute);
  }
  return [...runs].sort(ascending);
}

/** Regroups weekly runs into one RRULE per (day set, minute), hours ascending. */
function groupWeekly(runs: readonly number[]): RRule[] {
  const daysAt = new Map<number, number[]>();
  for (const run of runs) {
    const minute = run % MINUTES_PER_DAY;
    daysAt.set(minute, [...(daysAt.get(minute) ?? []), Math.floor(run / MINUTES_PER_DAY)]);
  }
  const groups = new Map<string, RRule>();
  for (const [minuteOfDay, days] of daysAt) {
    const byDay = [...new Set(days)].sort(ascending).map((d) => weekdayAt(d));
    const key = `${byDay.join(",")}|${minuteOfDay % 60}`;
    const rule = groups.get(key) ?? { freq: "WEEKLY" as const, interval: 1, byDay, byHour: [], byMinute: [minuteOfDay % 60] };
    rule.byHour.push(Math.floor(minuteOfDay / 60));
    groups.set(key, rule);
  }
  return [...groups.values()].map((r) => ({ ...r, byHour: r.byHour.sort(ascending) }));
}

/** Regroups the minutes of a DAILY rule into one RRULE per minute, hours ascending. */
function groupDaily(interval: number, minutes: readonly number[]): RRule[] {
  const hoursAt = new Map<number, number[]>();
  for (const m of new Set(minutes)) hoursAt.set(m % 60, [...(hoursAt.get(m % 60) ?? []), Math.floor(m / 60)]);
  return [...hoursAt].map(([minute, hours]) => ({
    freq: "DAILY" as const,
    interval,
    byDay: [],
    byHour: [...new Set(hours)].sort(ascending),
    byMinute: [minute],
  }));
}

function ruleOrder(a: RRule, b: RRule): number {
  const key = (r: RRule): (string | number)[] => [r.freq, r.interval, r.byDay.map((d) => weekdayIndex(d)).join(","), r.byMinute[0] ?? 0];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i++) {
    const x = ka[i] as string | number;
    const y = kb[i] as string | number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The canonical form of a set of rules: the same runs, one RRULE per distinct (day set, minute),
 * hours sorted, lines in a fixed order. Two rule sets with the same runs have the same canonical form.
 */
export function canonicalRules(rules: readonly RRule[]): UtcRules {
  const weekly = rules.filter(isWeekly);
  const out: RRule[] = weekly.length > 0 ? groupWeekly(weeklyRuns(weekly)) : [];
  const intervals = [...new Set(rules.filter((r) => !isWeekly(r)).map((r) => r.interval))];
  for (const interval of intervals) {
    const minutes = rules.filter((r) => !isWeekly(r) && r.interval === interval).flatMap(minutesOf);
    out.push(...groupDaily(interval, minutes));
  }
  return out.sort(ruleOrder);
}

/**
 * The local schedule as canonical UTC rules, converted with the zone's offset at `at`.
 * Throws TimezoneError for an invalid zone (validate first).
 */
export function scheduleToUtcRules(schedule: Schedule, at: Date): UtcRules {
  const offset = offsetMinutes(schedule.timezone, at);
  const minutes = schedule.times.map(toMinutes);
  if (schedule.weekdays !== undefined && schedule.weekdays.length > 0) {
    const runs = schedule.weekdays.flatMap((day) =>
      minutes.map((m) => mod(weekdayIndex(day) * MINUTES_PER_DAY + m - offset, MINUTES_PER_WEEK)),
    );
    return canonicalRules(groupWeekly([...new Set(runs)].sort(ascending)));
  }
  const interval = schedule.everyNDays ?? 1;
  return canonicalRules(groupDaily(interval, minutes.map((m) => mod(m - offset, MINUTES_PER_DAY))));
}

function toMinutes(time: string): number {
  const [h, m] = time.split(":");
  return Number(h) * 60 + Number(m);
}

function lcm(a: number, b: number): number {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  return (a / gcd(a, b)) * b;
}

/** Longest cycle worth expanding; only hand-written patterns mixing intervals get longer. */
const MAX_CYCLE_DAYS = 2520;

/** Runs of one full cycle of the rules (weekly 7 days, DAILY n days, mixed: their common multiple), or undefined if absurdly long. */
export function rulesToCycle(rules: readonly RRule[]): CycleRuns | undefined {
  if (rules.length === 0) return { lengthDays: 1, runs: [] };
  const length = rules.reduce((acc, r) => lcm(acc, isWeekly(r) ? 7 : r.interval), 1);
  if (length > MAX_CYCLE_DAYS) return undefined;
  const runs = new Set<number>();
  const weekly = weeklyRuns(rules.filter(isWeekly));
  for (let week = 0; week * 7 < length && weekly.length > 0; week++) for (const run of weekly) runs.add(week * MINUTES_PER_WEEK + run);
  for (const rule of rules.filter((r) => !isWeekly(r))) {
    for (let day = 0; day < length; day += rule.interval) for (const m of minutesOf(rule)) runs.add(day * MINUTES_PER_DAY + m);
  }
  return { lengthDays: length, runs: [...runs].sort(ascending) };
}

/** The local schedule a pattern means in `tz` at `at`, or why one schedule cannot express it. */
export type ScheduleFromRules = { ok: true; schedule: Schedule } | { ok: false; error: string };

/**
 * Inverse of {@link scheduleToUtcRules} for refresh: exact whenever the zone's offset at `at` is the
 * one the rules were made with. Throws TimezoneError for an invalid zone.
 */
export function utcRulesToSchedule(rules: readonly RRule[], tz: string, at: Date): ScheduleFromRules {
  if (rules.length === 0) return { ok: false, error: "the pattern has no RRULE" };
  const offset = offsetMinutes(tz, at);
  const dailyOnly = rules.every((r) => !isWeekly(r));
  const intervals = new Set(rules.filter((r) => !isWeekly(r)).map((r) => r.interval));
  if (dailyOnly && intervals.size === 1) {
    const interval = [...intervals][0] as number;
    const times = [...new Set(rules.flatMap(minutesOf).map((m) => mod(m + offset, MINUTES_PER_DAY)))].sort(ascending);
    const schedule: Schedule = { times: times.map(formatClockTime), timezone: tz };
    if (interval > 1) schedule.everyNDays = interval;
    return { ok: true, schedule };
  }
  if ([...intervals].some((n) => n !== 1)) {
    return { ok: false, error: "the pattern mixes weekly rules and rules every n days: one schedule cannot express both" };
  }
  const byDay = new Map<number, number[]>();
  for (const run of weeklyRuns(rules.map((r) => (isWeekly(r) ? r : { ...r, byDay: [...WEEKDAYS] })))) {
    const local = mod(run + offset, MINUTES_PER_WEEK);
    const day = Math.floor(local / MINUTES_PER_DAY);
    byDay.set(day, [...(byDay.get(day) ?? []), local % MINUTES_PER_DAY]);
  }
  const sets = [...byDay].sort((a, b) => a[0] - b[0]).map(([day, ms]) => ({ day, times: [...new Set(ms)].sort(ascending) }));
  const first = sets[0]?.times.join(",");
  const uneven = sets.find((s) => s.times.join(",") !== first);
  if (uneven !== undefined && sets[0] !== undefined) {
    const show = (s: { day: number; times: number[] }): string => `${weekdayAt(s.day)} ${s.times.map(formatClockTime).join(", ")}`;
    return {
      ok: false,
      error: `the pattern runs at different times on different days (${show(sets[0])}; ${show(uneven)}): one schedule has one list of times for all its days`,
    };
  }
  const schedule: Schedule = { times: (sets[0]?.times ?? []).map(formatClockTime), timezone: tz };
  if (sets.length < 7) schedule.weekdays = sets.map((s) => weekdayAt(s.day));
  return { ok: true, schedule };
}
