/**
 * The whole-cycle rule of CSBS: at most 24 runs in any calendar day and at least 60 minutes between
 * consecutive runs, including across midnight and from the last run of a cycle to the first of the
 * next. Checking one full cycle (and its wrap-around) covers every pair of runs the service will ever make.
 */
import { LIMITS, MINUTES_PER_DAY } from "./limits";

/** Which days of a cycle carry runs. */
export type CycleShape =
  /** Every day: a one-day cycle. */
  | { kind: "daily" }
  /** A seven-day cycle MO..SU; `days` are indexes 0..6 that carry runs. */
  | { kind: "weekly"; days: number[] }
  /** An n-day cycle with runs on its first day only. */
  | { kind: "every-n-days"; n: number };

/** Runs of one cycle as minutes from the cycle's start (sorted, unique). */
export interface CycleRuns {
  /** Length of the cycle in days. */
  lengthDays: number;
  /** Minutes from the start of the cycle, each in [0, lengthDays * 1440). */
  runs: number[];
}

/** A consecutive pair of runs closer than the minimum gap. */
export interface TooCloseViolation {
  kind: "too-close";
  /** The earlier run, minutes from the cycle start. */
  from: number;
  /** The later run; past the cycle's end when the pair wraps into the next cycle. */
  to: number;
  gapMinutes: number;
  /** The two runs fall on different calendar days. */
  acrossMidnight: boolean;
  /** The later run belongs to the next cycle. */
  acrossCycleEnd: boolean;
}

/** A calendar day with more runs than allowed. */
export interface TooManyViolation {
  kind: "too-many";
  /** Day of the cycle, 0-based. */
  day: number;
  count: number;
}

/** A break of the whole-cycle rule. */
export type CycleViolation = TooCloseViolation | TooManyViolation;

/** Length of a cycle of the given shape, in days. */
export function cycleLengthDays(shape: CycleShape): number {
  if (shape.kind === "weekly") return 7;
  if (shape.kind === "every-n-days") return shape.n;
  return 1;
}

/** Places the times of day (minutes since midnight) on every run day of one cycle. */
export function expandCycle(minutesOfDay: readonly number[], shape: CycleShape): CycleRuns {
  const days = shape.kind === "weekly" ? shape.days : [0];
  const runs = new Set<number>();
  for (const day of days) for (const minute of minutesOfDay) runs.add(day * MINUTES_PER_DAY + minute);
  return { lengthDays: cycleLengthDays(shape), runs: [...runs].sort((a, b) => a - b) };
}

/** Every violation of the whole-cycle rule, in cycle order. An empty cycle has none. */
export function checkCycle(cycle: CycleRuns): CycleViolation[] {
  const runs = [...new Set(cycle.runs)].sort((a, b) => a - b);
  const violations: CycleViolation[] = [];
  const perDay = new Map<number, number>();
  for (const run of runs) {
    const day = Math.floor(run / MINUTES_PER_DAY);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  for (const [day, count] of [...perDay].sort((a, b) => a[0] - b[0])) {
    if (count > LIMITS.runsPerDay) violations.push({ kind: "too-many", day, count });
  }
  const cycleMinutes = cycle.lengthDays * MINUTES_PER_DAY;
  for (let i = 0; i < runs.length; i++) {
    const from = runs[i] as number;
    const wraps = i === runs.length - 1;
    const to = wraps ? (runs[0] as number) + cycleMinutes : (runs[i + 1] as number);
    const gap = to - from;
    // A lone run in a cycle is "followed" by itself one cycle later: a full cycle apart, never too close.
    if (gap < LIMITS.minMinutesBetweenRuns) {
      violations.push({
        kind: "too-close",
        from,
        to,
        gapMinutes: gap,
        acrossMidnight: Math.floor(from / MINUTES_PER_DAY) !== Math.floor(to / MINUTES_PER_DAY),
        acrossCycleEnd: wraps,
      });
    }
  }
  return violations;
}
