/**
 * Long-term retention: besides the newest N backups (or those younger than N days), keep the newest backup of
 * each of the last `daily` days, `weekly` weeks, `monthly` months and `yearly` years. CSBS takes them as four
 * counts and a fixed `UTC±HH:MM` zone; the zone is the schedule's, at its offset at deploy time (like the
 * pattern, so after a daylight-saving change the next preview shows the update).
 */
import { z } from "./zod";
import { asInteger, isRecord } from "./coerce";
import { show } from "./failures";
import { defineRule, orUnknown, report, says, saysByCode, withoutAbsent } from "./input-schema";
import { LIMITS } from "./limits";
import { offsetMinutes } from "./timezone";

/** The four counts, 0 to 100 each; absent ones are 0. */
export interface LongTermRetention {
  daily: number;
  weekly: number;
  monthly: number;
  yearly: number;
}

export const LONG_TERM_KEYS = ["daily", "weekly", "monthly", "yearly"] as const;

/** The long-term fields of a CSBS `operation_definition`. */
export interface LongTermDefinition {
  day_backups: number;
  week_backups: number;
  month_backups: number;
  year_backups: number;
  timezone: string;
}

/** Every count 0..100, absent ones 0. */
export function normalizeLongTerm(raw: Partial<LongTermRetention>): LongTermRetention {
  return { daily: raw.daily ?? 0, weekly: raw.weekly ?? 0, monthly: raw.monthly ?? 0, yearly: raw.yearly ?? 0 };
}

/** `UTC+01:00`, `UTC-05:30`, `UTC+00:00`: the form the API's `timezone` takes (always signed). */
export function apiUtcOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** The API `timezone` for a schedule zone at deploy time `at` (Europe/Paris: UTC+01:00 in January, UTC+02:00 in July). */
export function longTermZone(scheduleZone: string, at: Date): string {
  return apiUtcOffset(offsetMinutes(scheduleZone, at));
}

export function toLongTermDefinition(longTerm: LongTermRetention, zone: string): LongTermDefinition {
  return { day_backups: longTerm.daily, week_backups: longTerm.weekly, month_backups: longTerm.monthly, year_backups: longTerm.yearly, timezone: zone };
}

/** The fields that switch long-term retention off (all counts 0), for an update that removes it. */
export const NO_LONG_TERM: Omit<LongTermDefinition, "timezone"> = { day_backups: 0, week_backups: 0, month_backups: 0, year_backups: 0 };

const LONG_TERM_EXAMPLE = "write e.g. longTerm: { daily: 7, weekly: 4, monthly: 12 }";

const LONG_TERM_TYPE = defineRule("retention.longTermType", ({ input }) => `is ${show(input)}: longTerm must be an object of counts; ${LONG_TERM_EXAMPLE}`);
const LONG_TERM_KEY = defineRule("retention.longTermUnknownCount", () => `is not a long-term count: the counts are ${LONG_TERM_KEYS.join(", ")}; ${LONG_TERM_EXAMPLE}`);
const LONG_TERM_RANGE = defineRule("retention.longTermRange", ({ input }) => {
  const n = asInteger(input);
  const fix = n !== undefined && n > LIMITS.longTermMax ? `use at most ${LIMITS.longTermMax}` : "use e.g. 7";
  return `is ${show(input)}: a long-term count must be a whole number from 0 to ${LIMITS.longTermMax}; ${fix}`;
});
const LONG_TERM_EMPTY = defineRule(
  "retention.longTermEmpty",
  () => `keeps nothing: set at least one of ${LONG_TERM_KEYS.join(", ")} above 0 (0 to ${LIMITS.longTermMax}), or remove longTerm`,
);
/** Checked by the retention schema, which sees both. */
export const LONG_TERM_WITH_PERMANENT = defineRule(
  "retention.longTermWithPermanent",
  () =>
    "is set together with permanent: true, which already keeps every backup: long-term retention only adds to maxBackups or maxAgeDays; " +
    "remove longTerm, or replace permanent with maxBackups or maxAgeDays",
);

const longTermCount = orUnknown(
  z.preprocess(
    (value) => asInteger(value) ?? value,
    z.number(says(LONG_TERM_RANGE)).int(says(LONG_TERM_RANGE)).min(0, says(LONG_TERM_RANGE)).max(LIMITS.longTermMax, says(LONG_TERM_RANGE)),
  ),
);

/** `retention.longTerm`: the four counts, absent ones 0, at least one above 0. */
export const longTermSchema = orUnknown(
  z
    .preprocess(
      (raw) => withoutAbsent(raw),
      z
        .strictObject(
          { daily: longTermCount.optional(), weekly: longTermCount.optional(), monthly: longTermCount.optional(), yearly: longTermCount.optional() },
          saysByCode({ unrecognized_keys: LONG_TERM_KEY, otherwise: LONG_TERM_TYPE }),
        )
        .superRefine(
          (value, ctx) => {
            if (!isRecord(value)) return;
            const counts = LONG_TERM_KEYS.map((k) => value[k]);
            // Unknown counts may turn out above 0: only a fully known set that is all 0 keeps nothing.
            if (counts.every((c) => c === undefined || c === 0)) report(ctx, LONG_TERM_EMPTY, value);
          },
          { when: () => true },
        ),
    )
    .transform((value): LongTermRetention => normalizeLongTerm(value as Partial<LongTermRetention>)),
);
