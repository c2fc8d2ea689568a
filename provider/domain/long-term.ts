/**
 * Long-term retention: besides the newest N backups (or those younger than N days), keep the newest backup of
 * each of the last `daily` days, `weekly` weeks, `monthly` months and `yearly` years. CSBS takes them as four
 * counts and a fixed `UTC±HH:MM` zone; the zone is the schedule's, at its offset at deploy time (like the
 * pattern, so after a daylight-saving change the next preview shows the update). The input schema is in
 * ./long-term-schema, so that mapping a live policy loads no zod.
 */
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
