/**
 * The long-term fields of an `operation_definition`: `day_backups`, `week_backups`, `month_backups`,
 * `year_backups` (0 to 100 each, as the console allows) and the `timezone` they are counted in, required as
 * soon as one count is above 0. An update that names none of them keeps what the policy had.
 */
import { invalid } from "../errors";
import { MAX_LONG_TERM_COUNT } from "../limits";
import { hasLongTerm, type LongTermRetention, parseUtcOffset } from "../model/long-term";

const FIELDS = { day_backups: "dayBackups", week_backups: "weekBackups", month_backups: "monthBackups", year_backups: "yearBackups" } as const;

function readCount(v: unknown, field: string): number {
  if (v === undefined || v === null || v === "") return 0;
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > MAX_LONG_TERM_COUNT) {
    throw invalid(`${field} is ${JSON.stringify(v)}; it must be 0 to ${MAX_LONG_TERM_COUNT}`);
  }
  return n;
}

/** The long-term rule of `def`, merged over `base`; undefined when no count is above 0. */
export function readLongTerm(def: Record<string, unknown>, field: string, base?: LongTermRetention): LongTermRetention | undefined {
  const named = [...Object.keys(FIELDS), "timezone"].some((k) => k in def);
  if (!named) return base;
  const rule: LongTermRetention = {
    dayBackups: base?.dayBackups ?? 0, weekBackups: base?.weekBackups ?? 0,
    monthBackups: base?.monthBackups ?? 0, yearBackups: base?.yearBackups ?? 0, timezone: base?.timezone ?? "",
  };
  for (const [wire, key] of Object.entries(FIELDS) as Array<[keyof typeof FIELDS, (typeof FIELDS)[keyof typeof FIELDS]]>) {
    if (wire in def) rule[key] = readCount(def[wire], `${field}.${wire}`);
  }
  if ("timezone" in def) {
    const tz = def.timezone;
    if (tz !== null && tz !== "" && (typeof tz !== "string" || parseUtcOffset(tz) === undefined)) {
      throw invalid(`${field}.timezone is ${JSON.stringify(tz)}; it must be UTC±HH:MM such as "UTC+08:00"`);
    }
    rule.timezone = typeof tz === "string" ? tz : "";
  }
  if (!hasLongTerm(rule)) return undefined;
  if (rule.timezone === "") {
    throw invalid(`${field}.timezone is required with day_backups, week_backups, month_backups or year_backups; send UTC±HH:MM such as "UTC+08:00"`);
  }
  return rule;
}
