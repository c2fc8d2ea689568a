/** Times of day as "HH:MM" text and as minutes since midnight. */

/** Result of reading a time of day: minutes since midnight, or why it is not one. */
export type ClockTimeParse = { ok: true; minutes: number } | { ok: false; rule: string; fix: string };

const SHAPE = /^(\d{1,2}):(\d{2})$/;

/**
 * Reads "HH:MM" (also "H:MM", as people write "2:00"). Rejects "24:00", "12:60" and words,
 * each with a concrete fix.
 */
export function parseClockTime(text: string): ClockTimeParse {
  const trimmed = text.trim();
  const match = SHAPE.exec(trimmed);
  if (!match) {
    const fix = suggestFor(trimmed);
    return { ok: false, rule: "a run time must be HH:MM from 00:00 to 23:59", fix };
  }
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23) {
    return {
      ok: false,
      rule: "a run time must be HH:MM from 00:00 to 23:59",
      fix: hours === 24 && minutes === 0 ? 'use "00:00"' : "hours go from 00 to 23",
    };
  }
  if (minutes > 59) {
    return { ok: false, rule: "a run time must be HH:MM from 00:00 to 23:59", fix: "minutes go from 00 to 59" };
  }
  return { ok: true, minutes: hours * 60 + minutes };
}

function suggestFor(text: string): string {
  const lower = text.toLowerCase();
  if (lower === "noon" || lower === "midday") return 'use "12:00"';
  if (lower === "midnight") return 'use "00:00"';
  const hourOnly = /^(\d{1,2})(?:h|:00:00)?$/.exec(lower);
  if (hourOnly && Number(hourOnly[1]) <= 23) return `write it as ${JSON.stringify(formatClockTime(Number(hourOnly[1]) * 60))}`;
  return 'write it as "HH:MM", e.g. "02:00" or "14:30"';
}

/** Minutes since midnight (any integer, wrapped into one day) as "HH:MM". */
export function formatClockTime(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}
