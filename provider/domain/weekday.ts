/** Days of the week as iCalendar writes them, Monday first (ISO and the CSBS console both start on Monday). */

/** A day of the week in iCalendar notation. */
export type Weekday = "MO" | "TU" | "WE" | "TH" | "FR" | "SA" | "SU";

/** All weekdays in order MO..SU; the index is the day's offset in a weekly cycle. */
export const WEEKDAYS: readonly Weekday[] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/** True for one of MO..SU (upper case). */
export function isWeekday(value: unknown): value is Weekday {
  return typeof value === "string" && (WEEKDAYS as readonly string[]).includes(value);
}

/** Position of the day in MO..SU, 0..6. */
export function weekdayIndex(day: Weekday): number {
  return WEEKDAYS.indexOf(day);
}

/** The day at a position, wrapping in both directions (-1 is SU). */
export function weekdayAt(index: number): Weekday {
  return WEEKDAYS[((index % 7) + 7) % 7] as Weekday;
}

/** Unique days in MO..SU order. */
export function sortWeekdays(days: readonly Weekday[]): Weekday[] {
  return WEEKDAYS.filter((day) => days.includes(day));
}

/** The weekday of an instant in UTC (Date.getUTCDay counts from Sunday). */
export function utcWeekdayOf(at: Date): Weekday {
  return weekdayAt(at.getUTCDay() - 1);
}

/** Suggests the iCalendar day for common spellings ("monday", "Mon"), or undefined. */
export function suggestWeekday(value: string): Weekday | undefined {
  const head = value.trim().slice(0, 2).toUpperCase();
  return isWeekday(head) && value.trim().length >= 2 ? head : undefined;
}
