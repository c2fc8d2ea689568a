/**
 * Time zones: IANA names through Intl (so daylight saving is right), and fixed offsets
 * "UTC", "UTC+08:00", "UTC-03:30" as the CSBS console writes them. The input schema is in ./timezone-schema:
 * the hooks that only read zones (refresh, outputs) load no zod.
 */
import { show } from "./failures";

/** Time zones are "UTC" unless the user says otherwise. */
export const DEFAULT_TIMEZONE = "UTC";

const FIXED = /^UTC(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/i;
const IANA_SHAPE = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;
const MAX_OFFSET_MINUTES = 14 * 60;

/** A time zone name that is not valid; the message says why and what to write instead. */
export class TimezoneError extends Error {}

/** Result of reading a time zone: its normalized name, or why it is not one. */
export type TimezoneParse = { ok: true; name: string } | { ok: false; rule: string; fix: string };

/** The rule every zone name follows, as messages state it. */
export const TIMEZONE_RULE = 'a time zone must be an IANA name such as "Europe/Paris" or a fixed offset such as "UTC+08:00"';

/**
 * Reads a zone name. Fixed offsets are normalized to "UTC±HH:MM" (zero offset to "UTC");
 * IANA names keep the user's spelling unless only the letter case differs from Intl's.
 */
export function parseTimezone(text: string): TimezoneParse {
  const trimmed = text.trim();
  const fixed = FIXED.exec(trimmed);
  if (fixed) {
    if (fixed[1] === undefined) return { ok: true, name: "UTC" };
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3] ?? "0");
    if (Number(fixed[3] ?? "0") > 59 || minutes > MAX_OFFSET_MINUTES) {
      return { ok: false, rule: "a fixed offset must be between UTC-14:00 and UTC+14:00", fix: 'write it as "UTC+HH:MM", e.g. "UTC+08:00"' };
    }
    return { ok: true, name: formatFixedOffset(fixed[1] === "-" ? -minutes : minutes) };
  }
  if (/^(?:GMT|Z)?[+-]\d/i.test(trimmed)) {
    return { ok: false, rule: TIMEZONE_RULE, fix: `write the offset as "UTC${trimmed.replace(/^(?:GMT|Z)/i, "")}" with hours and minutes, e.g. "UTC+08:00"` };
  }
  if (!IANA_SHAPE.test(trimmed)) return { ok: false, rule: TIMEZONE_RULE, fix: 'use a name from the IANA time zone database, e.g. "Europe/Paris" or "America/New_York"' };
  const resolved = resolveIana(trimmed);
  if (resolved === undefined) {
    return { ok: false, rule: TIMEZONE_RULE, fix: 'use a name from the IANA time zone database, e.g. "Europe/Paris" or "America/New_York"' };
  }
  return { ok: true, name: resolved.toLowerCase() === trimmed.toLowerCase() ? resolved : trimmed };
}

/**
 * Minutes to add to UTC to get local time in `tz` at instant `at` (Europe/Paris: +60 in January,
 * +120 in July). Throws {@link TimezoneError} for a name {@link parseTimezone} rejects.
 */
export function offsetMinutes(tz: string, at: Date): number {
  const parsed = parseTimezone(tz);
  if (!parsed.ok) throw new TimezoneError(`time zone ${show(tz)}: ${parsed.rule}; ${parsed.fix}`);
  const fixed = FIXED.exec(parsed.name);
  if (fixed) {
    if (fixed[1] === undefined) return 0;
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3] ?? "0");
    return fixed[1] === "-" ? -minutes : minutes;
  }
  return ianaOffset(parsed.name, at);
}

/** "UTC+08:00", "UTC-03:30", or "UTC" for zero. */
export function formatFixedOffset(minutes: number): string {
  if (minutes === 0) return "UTC";
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** Offset as "+01:00" for headers and legends. */
export function formatOffset(minutes: number): string {
  return minutes === 0 ? "+00:00" : formatFixedOffset(minutes).slice(3);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let found = formatters.get(tz);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" });
    // Names come from user input; bound the cache so a stream of junk cannot grow it forever.
    if (formatters.size > 256) formatters.clear();
    formatters.set(tz, found);
  }
  return found;
}

function resolveIana(name: string): string | undefined {
  try {
    return formatter(name).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function ianaOffset(tz: string, at: Date): number {
  const part = formatter(tz).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(part);
  if (!match) throw new TimezoneError(`time zone ${show(tz)}: Intl reported an offset it cannot read (${part})`);
  if (match[1] === undefined) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}
