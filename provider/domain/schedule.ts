/**
 * The user's schedule: run times, on weekdays or every n days, in a time zone. The structure is a zod
 * schema; the whole-cycle rule and the UTC check are its refinements. Every problem is reported at once,
 * and the normalized schedule (times "HH:MM" sorted and unique, weekdays MO..SU, timezone default "UTC")
 * keeps preview unknowns in place.
 */
import { z } from "./zod";
import type { CheckFailure } from "./failures";
import { childPath, failure, show } from "./failures";
import { formatClockTime, parseClockTime } from "./clock-time";
import { asInteger, isRecord } from "./coerce";
import { checkCycle, CycleShape, expandCycle } from "./cycle";
import { tooCloseTexts } from "./cycle-messages";
import { defineRule, orUnknown, parseInputs, report, says, saysByCode, unknownPaths, withoutAbsent } from "./input-schema";
import { LIMITS } from "./limits";
import { DEFAULT_TIMEZONE } from "./timezone";
import { timezoneSchema } from "./timezone-schema";
import { isUnknown, unknownPlaceholder } from "./unknown";
import { isWeekday, suggestWeekday, Weekday, WEEKDAYS, weekdayIndex } from "./weekday";
import { timezoneCycleText } from "./schedule-utc-check";

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

const SCHEDULE_TYPE = defineRule(
  "schedule.type",
  ({ input }) => `is ${show(input)}: a schedule must be an object; write e.g. { times: ["02:00"], weekdays: ["MO"] }`,
);
const SCHEDULE_KEY = defineRule("schedule.unknownSetting", () => "is not a schedule setting: use times, weekdays, everyNDays or timezone");
const TIMES_LIST = defineRule("schedule.timesList", ({ input }) => {
  if (input === undefined) return `is missing: a schedule needs 1 to ${LIMITS.runsPerDay} run times; add e.g. times: ["02:00"]`;
  const hint = typeof input === "string" ? `write times: [${JSON.stringify(input.slice(0, 40))}]` : 'write e.g. times: ["02:00", "14:00"]';
  return `is ${show(input)}: run times must be a list of "HH:MM" strings; ${hint}`;
});
const NO_TIMES = defineRule("schedule.noTimes", () => `is empty: a schedule needs 1 to ${LIMITS.runsPerDay} run times; add e.g. "02:00"`);
const TOO_MANY_TIMES = defineRule("schedule.tooManyTimes", ({ params }) => {
  const count = Number(params.count);
  return `has ${count} times: a policy runs at most ${LIMITS.runsPerDay} times a day; remove ${count - LIMITS.runsPerDay}`;
});
const TIME_FORMAT = defineRule("schedule.timeFormat", ({ input }) => {
  if (typeof input !== "string") return `is ${show(input)}: a run time must be a "HH:MM" string from 00:00 to 23:59; write e.g. "02:00"`;
  const parsed = parseClockTime(input);
  return parsed.ok ? `is ${show(input)}: a run time must be HH:MM from 00:00 to 23:59` : `is ${show(input)}: ${parsed.rule}; ${parsed.fix}`;
});
const RUNS_TOO_CLOSE = defineRule("schedule.runsTooClose", ({ params }) => String(params.text));
const WEEKDAYS_LIST = defineRule(
  "schedule.weekdaysList",
  ({ input }) => `is ${show(input)}: weekdays must be a list of MO, TU, WE, TH, FR, SA, SU; write e.g. ["MO", "TH"]`,
);
const NO_WEEKDAYS = defineRule("schedule.noWeekdays", () => "is empty: list at least one day (MO..SU), or leave weekdays out to run every day");
const WEEKDAY = defineRule("schedule.weekday", ({ input }) => {
  const suggestion = typeof input === "string" ? suggestWeekday(input) : undefined;
  const fix = suggestion ? `write ${JSON.stringify(suggestion)}` : "use one of MO, TU, WE, TH, FR, SA, SU";
  return `is ${show(input)}: a weekday must be a two-letter iCalendar day; ${fix}`;
});
const DAYS_AND_INTERVAL = defineRule(
  "schedule.weekdaysAndEveryNDays",
  () => "has both weekdays and everyNDays: use weekdays for fixed days of the week or everyNDays for a fixed interval, not both",
);
const EVERY_N_DAYS = defineRule("schedule.everyNDays", ({ input }) => {
  const rule = `everyNDays must be a whole number of days from ${LIMITS.everyNDaysMin} to ${LIMITS.everyNDaysMax}`;
  const n = asInteger(input);
  if (n === undefined) {
    const fix = typeof input === "number" && Number.isFinite(input) ? `use ${Math.max(1, Math.min(30, Math.round(input)))}` : "write e.g. everyNDays: 2";
    return `is ${show(input)}: ${rule}; ${fix}`;
  }
  const fix = n > LIMITS.everyNDaysMax ? `use at most ${LIMITS.everyNDaysMax}, or weekdays for a weekly schedule` : "use 1 for every day, or leave it out";
  return `is ${n}: ${rule}; ${fix}`;
});
const UTC_CYCLE = defineRule("schedule.utcRunsTooClose", ({ params }) => String(params.text));

const runTime = z.string(says(TIME_FORMAT)).refine((text) => parseClockTime(text).ok, says(TIME_FORMAT));

const times = z
  .array(orUnknown(runTime), saysByCode({ too_small: NO_TIMES, otherwise: TIMES_LIST }))
  .min(1)
  .superRefine((list, ctx) => {
    const count = knownMinutes(list).length;
    if (count > LIMITS.runsPerDay) report(ctx, TOO_MANY_TIMES, list, [], { count });
  });

const weekday = z.string(says(WEEKDAY)).refine((text) => isWeekday(text.trim().toUpperCase()), says(WEEKDAY));

const weekdays = z.array(orUnknown(weekday), saysByCode({ too_small: NO_WEEKDAYS, otherwise: WEEKDAYS_LIST })).min(1);

const everyNDays = z.preprocess(
  (value) => asInteger(value) ?? value,
  z.number(says(EVERY_N_DAYS)).int(says(EVERY_N_DAYS)).min(LIMITS.everyNDaysMin, says(EVERY_N_DAYS)).max(LIMITS.everyNDaysMax, says(EVERY_N_DAYS)),
);

const scheduleShape = z.preprocess(
  (raw) => withoutAbsent(raw),
  z.strictObject(
    {
      times: orUnknown(times),
      weekdays: orUnknown(weekdays).optional(),
      everyNDays: orUnknown(everyNDays).optional(),
      timezone: orUnknown(timezoneSchema).optional(),
    },
    saysByCode({ unrecognized_keys: SCHEDULE_KEY, otherwise: SCHEDULE_TYPE }),
  ),
);

/** The raw schedule's fields as the structure left them: valid or not, so the cycle rule sees every known time. */
interface RawSchedule {
  times?: unknown;
  weekdays?: unknown;
  everyNDays?: unknown;
  timezone?: unknown;
}

/** The schedule schema; with `at` (deploy time) it also checks the UTC rules the API will run. */
export function scheduleSchema(at?: Date): z.ZodType<Schedule> {
  const known = scheduleShape
    .superRefine(
      (value, ctx) => {
        if (!isRecord(value)) return;
        const raw = value as RawSchedule;
        if (raw.weekdays !== undefined && raw.everyNDays !== undefined) report(ctx, DAYS_AND_INTERVAL, value);
        const minutes = knownMinutes(raw.times);
        if (minutes.length === 0) return;
        const shape = cycleShapeFor(raw);
        for (const text of tooCloseTexts(checkCycle(expandCycle(minutes, shape)), shape)) {
          report(ctx, RUNS_TOO_CLOSE, raw.times, ["times"], { text });
        }
      },
      // Cross-field rules still run when a field is wrong, so the user sees every problem in one run.
      { when: () => true },
    )
    .transform(normalize)
    .superRefine((value, ctx) => {
      if (at === undefined || unknownPaths(value).length > 0) return;
      const text = timezoneCycleText(value, at);
      if (text !== undefined) report(ctx, UTC_CYCLE, value.timezone, ["timezone"], { text });
    });
  return orUnknown(known) as unknown as z.ZodType<Schedule>;
}

const SCHEDULE_NO_AT = scheduleSchema();

/**
 * The failure {@link scheduleSchema}`(at)` adds to a schedule that passed `scheduleSchema()`: its UTC rules break
 * the whole-cycle rule at `at`. For schemas built once that cannot take `at` (zod has no parse-time parameter).
 */
export function scheduleUtcFailure(schedule: Schedule, at: Date, path = "schedule"): CheckFailure | undefined {
  if (unknownPaths(schedule).length > 0) return undefined;
  const text = timezoneCycleText(schedule, at);
  return text === undefined ? undefined : failure(childPath(path, "timezone"), UTC_CYCLE, text);
}

/**
 * Validates a raw schedule input. With `at` (deploy time) it also checks that the UTC rules the
 * API will run still obey the whole-cycle rule. Never throws, whatever `raw` is.
 */
export function validateSchedule(raw: unknown, path = "schedule", at?: Date): ScheduleValidation {
  const { value, failures } = parseInputs(at === undefined ? SCHEDULE_NO_AT : scheduleSchema(at), raw, path);
  const unknowns = unknownPaths(withoutAbsent(raw), path);
  return value === undefined ? { failures, unknowns } : { value, failures, unknowns };
}

/** Known, valid run times in minutes since midnight, sorted and unique. */
function knownMinutes(raw: unknown): number[] {
  if (!Array.isArray(raw)) return [];
  const minutes = new Set<number>();
  for (const item of raw) {
    if (typeof item !== "string" || isUnknown(item)) continue;
    const parsed = parseClockTime(item);
    if (parsed.ok) minutes.add(parsed.minutes);
  }
  return [...minutes].sort((a, b) => a - b);
}

/** Valid weekdays of a list, or undefined when the list is not wholly known and valid. */
function knownWeekdays(raw: unknown): Weekday[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  const days = raw.map((item) => (typeof item === "string" && !isUnknown(item) ? item.trim().toUpperCase() : ""));
  if (!days.every(isWeekday)) return undefined;
  return WEEKDAYS.filter((d) => days.includes(d));
}

/** A run day alone in a two-day cycle: only the gaps within one day are checked. */
const WITHIN_ONE_DAY: CycleShape = { kind: "every-n-days", n: 2 };

/**
 * The cycle to check. Valid weekdays win even when everyNDays is also (wrongly) set, so the user
 * sees their midnight problems in the same run; when the days are not known, only the gaps within
 * one day are checked, which adding days can never fix.
 */
function cycleShapeFor(raw: RawSchedule): CycleShape {
  if (raw.weekdays !== undefined) {
    const days = knownWeekdays(raw.weekdays);
    if (days === undefined) return WITHIN_ONE_DAY;
    return days.length < 7 ? { kind: "weekly", days: days.map(weekdayIndex) } : { kind: "daily" };
  }
  if (raw.everyNDays === undefined) return { kind: "daily" };
  const n = isUnknown(raw.everyNDays) ? undefined : asInteger(raw.everyNDays);
  if (n === undefined || n < LIMITS.everyNDaysMin || n > LIMITS.everyNDaysMax) return WITHIN_ONE_DAY;
  return n > 1 ? { kind: "every-n-days", n } : { kind: "daily" };
}

/** The one spelling of a valid schedule, unknowns kept in place (known items first). */
function normalize(raw: RawSchedule): Schedule {
  const times = isUnknown(raw.times)
    ? unknownPlaceholder<string[]>()
    : [...knownMinutes(raw.times).map(formatClockTime), ...(raw.times as unknown[]).filter(isUnknown)];
  const value: Schedule = { times, timezone: readTimezone(raw.timezone) };
  const weekdays = normalizeWeekdays(raw.weekdays);
  if (weekdays !== undefined) value.weekdays = weekdays;
  // Every 1 day is every day; one spelling keeps diffs quiet.
  if (raw.everyNDays !== undefined && raw.everyNDays !== 1) value.everyNDays = raw.everyNDays as number;
  return value;
}

function normalizeWeekdays(raw: unknown): Weekday[] | undefined {
  if (raw === undefined) return undefined;
  if (isUnknown(raw)) return unknownPlaceholder<Weekday[]>();
  const items = raw as string[];
  const known = items.filter((item) => !isUnknown(item)).map((item) => item.trim().toUpperCase());
  const sorted = WEEKDAYS.filter((d) => known.includes(d));
  const unknown = items.filter(isUnknown) as unknown as Weekday[];
  if (unknown.length > 0) return [...sorted, ...unknown];
  // All seven days is the same intent as "every day"; one spelling keeps diffs quiet.
  return sorted.length === 7 ? undefined : sorted;
}

function readTimezone(raw: unknown): string {
  if (raw === undefined) return DEFAULT_TIMEZONE;
  return raw as string;
}
