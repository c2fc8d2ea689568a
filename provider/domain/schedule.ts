/**
 * The user's schedule: run times, on weekdays or every n days, in a time zone. Validation reports
 * every problem at once and returns the normalized schedule (times "HH:MM" sorted and unique,
 * weekdays MO..SU, timezone default "UTC"), keeping preview unknowns in place.
 */
import { CheckFailure, failure, indexPath, show } from "./failures";
import { parseClockTime, formatClockTime } from "./clock-time";
import { asInteger, isRecord } from "./coerce";
import { checkCycle, CycleShape, expandCycle } from "./cycle";
import { tooCloseFailures } from "./cycle-messages";
import { LIMITS } from "./limits";
import { DEFAULT_TIMEZONE, validateTimezone } from "./timezone";
import { isUnknown, UNKNOWN, unknownPlaceholder } from "./unknown";
import { isWeekday, suggestWeekday, Weekday, WEEKDAYS, weekdayIndex } from "./weekday";
import { timezoneCycleFailures } from "./schedule-utc-check";

/** When backups run, in the user's time zone. */
export interface Schedule {
  /** Run times "HH:MM", 1 to 24, sorted, at least 1 hour apart (also across midnight). */
  times: string[];
  /** Days of the week to run on. Absent (with everyNDays absent) means every day. @default every day */
  weekdays?: Weekday[];
  /** Run every n days (2..30), as an alternative to weekdays. @default every day */
  everyNDays?: number;
  /** IANA zone name or fixed offset "UTC+08:00". @default "UTC" */
  timezone: string;
}

/** A validated schedule; paths in `unknowns` hold the preview sentinel instead of a value. */
export interface ScheduleValidation {
  /** The normalized schedule, present when there are no failures. */
  value?: Schedule;
  failures: CheckFailure[];
  /** Property paths whose values are not known yet (preview). */
  unknowns: string[];
}

const KEYS = ["times", "weekdays", "everyNDays", "timezone"];

/**
 * Validates a raw schedule input. With `at` (deploy time) it also checks that the UTC rules the
 * API will run still obey the whole-cycle rule. Never throws, whatever `raw` is.
 */
export function validateSchedule(raw: unknown, path = "schedule", at?: Date): ScheduleValidation {
  if (isUnknown(raw)) return { value: unknownPlaceholder<Schedule>(), failures: [], unknowns: [path] };
  if (!isRecord(raw)) {
    return {
      failures: [failure(path, `is ${show(raw)}: a schedule must be an object; write e.g. { times: ["02:00"], weekdays: ["MO"] }`)],
      unknowns: [],
    };
  }
  const failures: CheckFailure[] = [];
  const unknowns: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key) && raw[key] !== undefined && raw[key] !== null) {
      failures.push(failure(`${path}.${key}`, `is not a schedule setting: use times, weekdays, everyNDays or timezone`));
    }
  }
  const times = readTimes(raw.times, `${path}.times`, failures, unknowns);
  const weekdays = readWeekdays(raw.weekdays, `${path}.weekdays`, failures, unknowns);
  const everyNDays = readEveryNDays(raw.everyNDays, `${path}.everyNDays`, failures, unknowns);
  const timezone = readTimezone(raw.timezone, `${path}.timezone`, failures, unknowns);
  const both = weekdays.given && everyNDays.given;
  if (both) {
    failures.push(
      failure(path, "has both weekdays and everyNDays: use weekdays for fixed days of the week or everyNDays for a fixed interval, not both"),
    );
  }

  const shape = cycleShapeFor(weekdays, everyNDays);
  // Unknown days still allow the within-day check: runs of one day never get further apart by adding days.
  if (times.minutes.length > 0) {
    failures.push(...tooCloseFailures(`${path}.times`, checkCycle(expandCycle(times.minutes, shape)), shape));
  }

  const value: Schedule = {
    times: times.whole ? unknownPlaceholder<string[]>() : [...times.minutes.map(formatClockTime), ...times.unknown],
    timezone: timezone.value,
  };
  if (weekdays.value !== undefined) value.weekdays = weekdays.value;
  if (everyNDays.value !== undefined) value.everyNDays = everyNDays.value;

  const fullyKnown = unknowns.length === 0;
  if (failures.length === 0 && fullyKnown && at !== undefined) {
    failures.push(...timezoneCycleFailures(value, at, `${path}.timezone`));
  }
  return failures.length > 0 ? { failures, unknowns } : { value, failures, unknowns };
}

/** A run day alone in a two-day cycle: only the gaps within one day are checked. */
const WITHIN_ONE_DAY: CycleShape = { kind: "every-n-days", n: 2 };

/**
 * The cycle to check. Valid weekdays win even when everyNDays is also (wrongly) set, so the user
 * sees their midnight problems in the same run; when the days are not known, only the gaps within
 * one day are checked, which adding days can never fix.
 */
function cycleShapeFor(weekdays: WeekdaysRead, everyNDays: { given: boolean; known: boolean; n?: number }): CycleShape {
  if (weekdays.given) {
    if (!weekdays.known || weekdays.days === undefined || weekdays.days.length === 0) return WITHIN_ONE_DAY;
    return weekdays.days.length < 7 ? { kind: "weekly", days: weekdays.days.map(weekdayIndex) } : { kind: "daily" };
  }
  if (!everyNDays.known) return WITHIN_ONE_DAY;
  return everyNDays.n !== undefined && everyNDays.n > 1 ? { kind: "every-n-days", n: everyNDays.n } : { kind: "daily" };
}

interface TimesRead {
  /** Valid known times, minutes since midnight, sorted and unique. */
  minutes: number[];
  /** One sentinel per unknown item, kept after the known times. */
  unknown: string[];
  /** The whole list is unknown. */
  whole: boolean;
}

function readTimes(raw: unknown, path: string, failures: CheckFailure[], unknowns: string[]): TimesRead {
  const none = { minutes: [], unknown: [], whole: false };
  if (isUnknown(raw)) {
    unknowns.push(path);
    return { minutes: [], unknown: [], whole: true };
  }
  if (raw === undefined || raw === null) {
    failures.push(failure(path, `is missing: a schedule needs 1 to ${LIMITS.runsPerDay} run times; add e.g. times: ["02:00"]`));
    return none;
  }
  if (!Array.isArray(raw)) {
    const hint = typeof raw === "string" ? `write times: [${JSON.stringify(raw.slice(0, 40))}]` : 'write e.g. times: ["02:00", "14:00"]';
    failures.push(failure(path, `is ${show(raw)}: run times must be a list of "HH:MM" strings; ${hint}`));
    return none;
  }
  if (raw.length === 0) {
    failures.push(failure(path, `is empty: a schedule needs 1 to ${LIMITS.runsPerDay} run times; add e.g. "02:00"`));
    return none;
  }
  const minutes = new Set<number>();
  const unknown: string[] = [];
  raw.forEach((item, i) => {
    const itemPath = indexPath(path, i);
    if (isUnknown(item)) {
      unknowns.push(itemPath);
      unknown.push(UNKNOWN);
      return;
    }
    if (typeof item !== "string") {
      failures.push(failure(itemPath, `is ${show(item)}: a run time must be a "HH:MM" string from 00:00 to 23:59; write e.g. "02:00"`));
      return;
    }
    const parsed = parseClockTime(item);
    if (parsed.ok) minutes.add(parsed.minutes);
    else failures.push(failure(itemPath, `is ${show(item)}: ${parsed.rule}; ${parsed.fix}`));
  });
  if (minutes.size > LIMITS.runsPerDay) {
    failures.push(
      failure(path, `has ${minutes.size} times: a policy runs at most ${LIMITS.runsPerDay} times a day; remove ${minutes.size - LIMITS.runsPerDay}`),
    );
  }
  return { minutes: [...minutes].sort((a, b) => a - b), unknown, whole: false };
}

interface WeekdaysRead {
  /** The user set weekdays (to anything). */
  given: boolean;
  /** Every listed day is known and valid. */
  known: boolean;
  /** Valid known days. */
  days?: Weekday[];
  /** The normalized value to output. */
  value?: Weekday[];
}

function readWeekdays(raw: unknown, path: string, failures: CheckFailure[], unknowns: string[]): WeekdaysRead {
  if (raw === undefined || raw === null) return { given: false, known: true };
  if (isUnknown(raw)) {
    unknowns.push(path);
    return { given: true, known: false, value: unknownPlaceholder<Weekday[]>() };
  }
  if (!Array.isArray(raw)) {
    failures.push(failure(path, `is ${show(raw)}: weekdays must be a list of MO, TU, WE, TH, FR, SA, SU; write e.g. ["MO", "TH"]`));
    return { given: true, known: false };
  }
  if (raw.length === 0) {
    failures.push(failure(path, "is empty: list at least one day (MO..SU), or leave weekdays out to run every day"));
    return { given: true, known: false, days: [] };
  }
  const days = new Set<Weekday>();
  let allValid = true;
  let anyUnknown = false;
  raw.forEach((item, i) => {
    const itemPath = indexPath(path, i);
    if (isUnknown(item)) {
      unknowns.push(itemPath);
      anyUnknown = true;
      return;
    }
    const upper = typeof item === "string" ? item.trim().toUpperCase() : undefined;
    if (upper !== undefined && isWeekday(upper)) {
      days.add(upper);
      return;
    }
    allValid = false;
    const suggestion = typeof item === "string" ? suggestWeekday(item) : undefined;
    const fix = suggestion ? `write ${JSON.stringify(suggestion)}` : "use one of MO, TU, WE, TH, FR, SA, SU";
    failures.push(failure(itemPath, `is ${show(item)}: a weekday must be a two-letter iCalendar day; ${fix}`));
  });
  const sorted = WEEKDAYS.filter((d) => days.has(d));
  if (anyUnknown) return { given: true, known: false, days: sorted, value: [...sorted, ...raw.filter(isUnknown)] as Weekday[] };
  // All seven days is the same intent as "every day"; one spelling keeps diffs quiet.
  return { given: true, known: allValid, days: sorted, value: sorted.length === 7 ? undefined : sorted };
}

function readEveryNDays(
  raw: unknown,
  path: string,
  failures: CheckFailure[],
  unknowns: string[],
): { given: boolean; known: boolean; n?: number; value?: number } {
  if (raw === undefined || raw === null) return { given: false, known: true };
  if (isUnknown(raw)) {
    unknowns.push(path);
    return { given: true, known: false, value: unknownPlaceholder<number>() };
  }
  const n = asInteger(raw);
  const rule = `everyNDays must be a whole number of days from ${LIMITS.everyNDaysMin} to ${LIMITS.everyNDaysMax}`;
  if (n === undefined) {
    const fix = typeof raw === "number" && Number.isFinite(raw) ? `use ${Math.max(1, Math.min(30, Math.round(raw)))}` : "write e.g. everyNDays: 2";
    failures.push(failure(path, `is ${show(raw)}: ${rule}; ${fix}`));
    return { given: true, known: false };
  }
  if (n < LIMITS.everyNDaysMin || n > LIMITS.everyNDaysMax) {
    const fix = n > LIMITS.everyNDaysMax ? `use at most ${LIMITS.everyNDaysMax}, or weekdays for a weekly schedule` : "use 1 for every day, or leave it out";
    failures.push(failure(path, `is ${n}: ${rule}; ${fix}`));
    return { given: true, known: false };
  }
  // Every 1 day is every day; one spelling keeps diffs quiet.
  return { given: true, known: true, n, value: n === 1 ? undefined : n };
}

function readTimezone(raw: unknown, path: string, failures: CheckFailure[], unknowns: string[]): { value: string } {
  if (raw === undefined || raw === null) return { value: DEFAULT_TIMEZONE };
  if (isUnknown(raw)) {
    unknowns.push(path);
    return { value: UNKNOWN };
  }
  const result = validateTimezone(raw, path);
  failures.push(...result.failures);
  return { value: result.value ?? DEFAULT_TIMEZONE };
}
