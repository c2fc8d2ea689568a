/**
 * Long-term retention arithmetic (pure): which backups the `day_backups`, `week_backups`, `month_backups` and
 * `year_backups` rules keep, counted in a fixed `UTC±HH:MM` zone. The API documentation leaves the details open;
 * the decisions (see localcloud/README.md, "Long-term retention") are:
 * - the backup of a period that counts is its newest successful one;
 * - "the last N periods" are the N calendar periods ending with the one that holds the run instant, counted
 *   whether or not they hold a backup (a weekly schedule with day_backups 7 keeps one daily, not seven);
 * - the period holding the run and the oldest period of a policy's history count even when partial;
 * - weeks are ISO weeks (Monday to Sunday), years are calendar years.
 */

export type PeriodKind = "day" | "week" | "month" | "year";

export const PERIOD_KINDS: readonly PeriodKind[] = ["day", "week", "month", "year"];

/** The four counts (0 = rule off) and the zone they are counted in, as stored (never echoed by the API). */
export interface LongTermRetention {
  dayBackups: number;
  weekBackups: number;
  monthBackups: number;
  yearBackups: number;
  /** `UTC`, `UTC+08:00`, `UTC-05:30`. */
  timezone: string;
}

export interface DatedBackup {
  id: string;
  createdAt: string;
}

const DAY_MS = 86_400_000;
const OFFSET_RE = /^UTC(?:([+-])(\d{2}):(\d{2}))?$/;

/** Minutes east of UTC of a `UTC±HH:MM` zone; undefined when the text is not one (hours up to 14). */
export function parseUtcOffset(text: string): number | undefined {
  const m = OFFSET_RE.exec(text);
  if (!m) return undefined;
  if (m[1] === undefined) return 0;
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (hours > 14 || minutes > 59 || (hours === 14 && minutes > 0)) return undefined;
  return (m[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

export function countOf(rule: LongTermRetention, kind: PeriodKind): number {
  switch (kind) {
    case "day":
      return rule.dayBackups;
    case "week":
      return rule.weekBackups;
    case "month":
      return rule.monthBackups;
    case "year":
      return rule.yearBackups;
  }
}

export function hasLongTerm(rule: LongTermRetention | undefined): rule is LongTermRetention {
  return !!rule && PERIOD_KINDS.some((k) => countOf(rule, k) > 0);
}

/**
 * A serial number of the period holding `instantMs` in a zone `offsetMinutes` east of UTC: consecutive periods
 * have consecutive numbers, so "the last N" is a range.
 */
export function periodSerial(kind: PeriodKind, instantMs: number, offsetMinutes: number): number {
  const local = instantMs + offsetMinutes * 60_000;
  const day = Math.floor(local / DAY_MS);
  switch (kind) {
    case "day":
      return day;
    case "week":
      // Day 0 (1970-01-01) was a Thursday: shifting by 3 makes every serial start on a Monday.
      return Math.floor((day + 3) / 7);
    case "month": {
      const d = new Date(local);
      return d.getUTCFullYear() * 12 + d.getUTCMonth();
    }
    case "year":
      return new Date(local).getUTCFullYear();
  }
}

function newer(a: DatedBackup, b: DatedBackup): boolean {
  const ta = Date.parse(a.createdAt);
  const tb = Date.parse(b.createdAt);
  return ta > tb || (ta === tb && a.id > b.id);
}

/**
 * The ids the long-term rule keeps among the successful backups of one server at the run instant `at`: for each
 * kind, the newest backup of each of the last N periods. Backups dated after `at` are never chosen by it.
 */
export function longTermKept(backups: readonly DatedBackup[], rule: LongTermRetention, at: Date): Set<string> {
  const kept = new Set<string>();
  const offset = parseUtcOffset(rule.timezone);
  if (offset === undefined) return kept;
  for (const kind of PERIOD_KINDS) {
    const n = countOf(rule, kind);
    if (n <= 0) continue;
    const current = periodSerial(kind, at.getTime(), offset);
    const newest = new Map<number, DatedBackup>();
    for (const b of backups) {
      const t = Date.parse(b.createdAt);
      if (t > at.getTime()) continue;
      const p = periodSerial(kind, t, offset);
      if (p <= current - n) continue;
      const best = newest.get(p);
      if (!best || newer(b, best)) newest.set(p, b);
    }
    for (const b of newest.values()) kept.add(b.id);
  }
  return kept;
}
