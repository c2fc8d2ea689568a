/**
 * The iCalendar trigger pattern the API stores. Rendering is canonical (CRLF, one RRULE per distinct
 * (day set, minute), fixed order) so the same schedule always gives the same text and diffs stay quiet;
 * parsing accepts every valid variant a console or another tool may have written.
 */
import { LIMITS } from "./limits";
import { canonicalRules, Frequency, RRule, UtcRules } from "./utc-rules";
import { isWeekday, Weekday } from "./weekday";

/** Renders rules as the canonical pattern text. */
export function renderPattern(rules: readonly RRule[]): string {
  const lines = canonicalRules(rules).map((rule) => {
    const parts = [`FREQ=${rule.freq}`];
    if (rule.freq === "DAILY" && rule.interval > 1) parts.push(`INTERVAL=${rule.interval}`);
    if (rule.byDay.length > 0) parts.push(`BYDAY=${rule.byDay.join(",")}`);
    parts.push(`BYHOUR=${rule.byHour.join(",")}`, `BYMINUTE=${rule.byMinute.join(",")}`);
    return `RRULE:${parts.join(";")}\r\n`;
  });
  return `BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n${lines.join("")}END:VEVENT\r\nEND:VCALENDAR\r\n`;
}

/** Rules read from a pattern (in the order written), or why the text is not a pattern this provider can run. */
export type PatternParse = { ok: true; rules: UtcRules } | { ok: false; error: string };

/** Properties that would change when the rules run; silently ignoring them would misread the schedule. */
const SEMANTIC_PROPERTIES = ["EXRULE", "EXDATE", "RDATE"];
const RULE_PARTS = ["FREQ", "INTERVAL", "BYDAY", "BYHOUR", "BYMINUTE"];

/**
 * Reads a trigger pattern: one VCALENDAR with a VEVENT holding one or more RRULE lines (FREQ WEEKLY or
 * DAILY, INTERVAL, BYDAY, BYHOUR, BYMINUTE), LF or CRLF, extra blank space, folded lines, or literal
 * "\n" escapes as JSON-encoded patterns carry. Never throws.
 */
export function parsePattern(text: unknown): PatternParse {
  if (typeof text !== "string") return { ok: false, error: "the pattern is not text" };
  if (text.length > LIMITS.patternMaxChars) {
    return { ok: false, error: `the pattern has ${text.length} characters: the service accepts at most ${LIMITS.patternMaxChars}` };
  }
  const unescaped = text.replace(/\\r\\n|\\n|\\r/g, "\n");
  const lines: string[] = [];
  for (const raw of unescaped.split(/\r\n|\n|\r/)) {
    // RFC 5545 folding: a line starting with blank space continues the previous one.
    if (/^[ \t]/.test(raw) && lines.length > 0 && !/^[ \t]*[A-Za-z-]+[:;]/.test(raw)) {
      lines[lines.length - 1] += raw.trim();
    } else if (raw.trim() !== "") {
      lines.push(raw.trim());
    }
  }
  let depthCalendar = 0;
  let inEvent = false;
  let sawCalendar = false;
  let sawEvent = false;
  const rules: RRule[] = [];
  for (const line of lines) {
    const upper = line.toUpperCase().replace(/\s*([:;=,])\s*/g, "$1");
    if (upper === "BEGIN:VCALENDAR") {
      depthCalendar++;
      sawCalendar = true;
    } else if (upper === "END:VCALENDAR") depthCalendar--;
    else if (upper === "BEGIN:VEVENT") {
      if (depthCalendar !== 1) return { ok: false, error: "BEGIN:VEVENT must be inside BEGIN:VCALENDAR … END:VCALENDAR" };
      inEvent = true;
      sawEvent = true;
    } else if (upper === "END:VEVENT") inEvent = false;
    else if (upper.startsWith("RRULE:") || upper.startsWith("RRULE;")) {
      if (!inEvent) return { ok: false, error: "an RRULE must be inside BEGIN:VEVENT … END:VEVENT" };
      const rule = parseRule(upper.slice(upper.indexOf(":") + 1));
      if (typeof rule === "string") return { ok: false, error: `${rule} in ${JSON.stringify(line.slice(0, 120))}` };
      rules.push(rule);
    } else if (SEMANTIC_PROPERTIES.some((p) => upper.startsWith(`${p}:`) || upper.startsWith(`${p};`))) {
      return { ok: false, error: `${upper.split(/[:;]/)[0]} is not supported: a pattern may only use RRULE lines` };
    }
  }
  if (!sawCalendar || depthCalendar !== 0) return { ok: false, error: "the pattern must be one BEGIN:VCALENDAR … END:VCALENDAR block" };
  if (!sawEvent || inEvent) return { ok: false, error: "the pattern must contain one BEGIN:VEVENT … END:VEVENT block" };
  if (rules.length === 0) return { ok: false, error: "the pattern has no RRULE line" };
  return { ok: true, rules };
}

function parseRule(value: string): RRule | string {
  const parts = new Map<string, string>();
  for (const part of value.split(";").filter((p) => p !== "")) {
    const [key, val, ...rest] = part.split("=");
    if (key === undefined || val === undefined || rest.length > 0) return `${JSON.stringify(part)} is not a NAME=VALUE rule part`;
    if (!RULE_PARTS.includes(key)) return `rule part ${key} is not supported: use only ${RULE_PARTS.join(", ")}`;
    if (parts.has(key)) return `rule part ${key} appears twice`;
    parts.set(key, val);
  }
  const freq = parts.get("FREQ");
  if (freq !== "WEEKLY" && freq !== "DAILY") {
    return freq === undefined ? "FREQ is missing" : `FREQ=${freq} is not supported: use WEEKLY or DAILY`;
  }
  const interval = parts.has("INTERVAL") ? parseNumber(parts.get("INTERVAL") as string) : 1;
  if (interval === undefined || interval < 1 || interval > LIMITS.everyNDaysMax) {
    return `INTERVAL=${parts.get("INTERVAL")} is out of range: use 1 to ${LIMITS.everyNDaysMax}`;
  }
  if (freq === "WEEKLY" && interval !== 1) return `INTERVAL=${interval} with FREQ=WEEKLY is not supported: weekly rules repeat every week`;
  const byDay = parts.has("BYDAY") ? parseDays(parts.get("BYDAY") as string) : [];
  if (typeof byDay === "string") return byDay;
  if (freq === "WEEKLY" && byDay.length === 0) return "FREQ=WEEKLY needs BYDAY";
  if (freq === "DAILY" && byDay.length > 0 && interval > 1) return "BYDAY with FREQ=DAILY;INTERVAL>1 is not supported";
  const byHour = parseList(parts.get("BYHOUR"), "BYHOUR", 23);
  if (typeof byHour === "string") return byHour;
  const byMinute = parseList(parts.get("BYMINUTE"), "BYMINUTE", 59);
  if (typeof byMinute === "string") return byMinute;
  return { freq: freq as Frequency, interval, byDay, byHour, byMinute };
}

function parseNumber(text: string): number | undefined {
  return /^\d{1,3}$/.test(text) ? Number(text) : undefined;
}

function parseDays(text: string): Weekday[] | string {
  const days: Weekday[] = [];
  for (const day of text.split(",")) {
    if (!isWeekday(day)) return `BYDAY value ${JSON.stringify(day)} is not one of MO, TU, WE, TH, FR, SA, SU`;
    if (!days.includes(day)) days.push(day);
  }
  return days;
}

function parseList(text: string | undefined, name: string, max: number): number[] | string {
  if (text === undefined || text === "") return `${name} is missing: every rule needs BYHOUR and BYMINUTE`;
  const values: number[] = [];
  for (const item of text.split(",")) {
    const n = parseNumber(item);
    if (n === undefined || n > max) return `${name} value ${JSON.stringify(item)} is out of range: use 0 to ${max}`;
    if (!values.includes(n)) values.push(n);
  }
  return values;
}
