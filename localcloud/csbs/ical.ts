/**
 * The local cloud's own reader of CSBS trigger patterns (docs/csbs-api-notes.md E #5): one VCALENDAR holding one VEVENT
 * with one or more RRULE lines; each RRULE is FREQ=WEEKLY with BYDAY, or FREQ=DAILY with an optional
 * INTERVAL of 1..30, plus BYHOUR and BYMINUTE lists. Times are UTC. Independent of provider/domain/pattern.ts
 * on purpose: two implementations written apart catch each other's mistakes.
 */
import { MAX_DAILY_INTERVAL, MAX_PATTERN_CHARS } from "./limits";

/** Weekdays in iCalendar order; index 0 = Monday. */
export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

/** One RRULE line, normalized: lists sorted and unique. */
export interface IcalRule {
  freq: "WEEKLY" | "DAILY";
  /** Days between runs for DAILY (1..30); always 1 for WEEKLY. */
  interval: number;
  /** Weekday indexes (0 = MO); empty for DAILY. */
  byDay: number[];
  byHour: number[];
  byMinute: number[];
}

/** The result of reading a pattern: the rules, or the first problem found (a sentence for error_msg). */
export type IcalParse = { ok: true; rules: IcalRule[] } | { ok: false; problem: string };

const ALLOWED_PARTS = new Set(["FREQ", "INTERVAL", "BYDAY", "BYHOUR", "BYMINUTE"]);

/** Reads a trigger pattern; never throws. */
export function parseIcal(pattern: unknown): IcalParse {
  if (typeof pattern !== "string" || pattern.trim() === "") {
    return fail("trigger.properties.pattern must be a non-empty iCalendar text");
  }
  if (pattern.length > MAX_PATTERN_CHARS) {
    return fail(`trigger.properties.pattern has ${pattern.length} characters; at most ${MAX_PATTERN_CHARS} are allowed`);
  }
  const lines = unfold(pattern);
  const stack: string[] = [];
  let calendars = 0;
  let events = 0;
  const rules: IcalRule[] = [];
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) return fail(`the pattern line "${clip(line)}" is not NAME:VALUE iCalendar content`);
    const name = line.slice(0, colon).split(";")[0].toUpperCase();
    const value = line.slice(colon + 1).trim();
    if (name === "BEGIN") {
      const component = value.toUpperCase();
      if (component === "VCALENDAR") {
        if (stack.length !== 0 || calendars > 0) return fail("the pattern must hold exactly one VCALENDAR");
        calendars++;
      } else if (component === "VEVENT") {
        if (stack.length !== 1 || stack[0] !== "VCALENDAR") return fail("a VEVENT must sit directly inside the VCALENDAR");
        if (events > 0) return fail("the pattern must hold exactly one VEVENT; put every RRULE line in the same VEVENT");
        events++;
      } else {
        return fail(`the pattern may only hold VCALENDAR and VEVENT, not ${component}`);
      }
      stack.push(component);
    } else if (name === "END") {
      const component = value.toUpperCase();
      if (stack[stack.length - 1] !== component) return fail(`END:${component} does not close the open component`);
      stack.pop();
    } else if (name === "RRULE") {
      if (stack[stack.length - 1] !== "VEVENT") return fail("an RRULE line must sit inside the VEVENT");
      const rule = parseRrule(value);
      if (!rule.ok) return rule;
      rules.push(...rule.rules);
    } else if (stack.length === 0) {
      return fail(`the line "${clip(line)}" is outside the VCALENDAR`);
    }
    // Other properties (VERSION, PRODID, SUMMARY...) do not change when runs happen, so they are tolerated.
  }
  if (calendars === 0) return fail("the pattern must start with BEGIN:VCALENDAR");
  if (stack.length !== 0) return fail(`the pattern does not close ${stack[stack.length - 1]} with END:${stack[stack.length - 1]}`);
  if (events === 0) return fail("the pattern has no VEVENT; put the RRULE lines in BEGIN:VEVENT ... END:VEVENT");
  if (rules.length === 0) return fail("the VEVENT has no RRULE line");
  return { ok: true, rules };
}

/** Reads one RRULE value such as `FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=2,14;BYMINUTE=0`. */
export function parseRrule(value: string): IcalParse {
  const parts = new Map<string, string>();
  for (const raw of value.split(";")) {
    if (raw.trim() === "") continue;
    const eq = raw.indexOf("=");
    if (eq <= 0) return fail(`RRULE part "${clip(raw)}" is not KEY=VALUE`);
    const key = raw.slice(0, eq).trim().toUpperCase();
    if (!ALLOWED_PARTS.has(key)) {
      return fail(`RRULE part ${key} is not supported; only FREQ, BYDAY, BYHOUR, BYMINUTE and INTERVAL (with DAILY) are`);
    }
    if (parts.has(key)) return fail(`RRULE part ${key} appears twice in one RRULE`);
    parts.set(key, raw.slice(eq + 1).trim());
  }
  const freq = (parts.get("FREQ") ?? "").toUpperCase();
  if (freq !== "WEEKLY" && freq !== "DAILY") {
    return fail(`RRULE FREQ is "${parts.get("FREQ") ?? ""}"; it must be WEEKLY (with BYDAY) or DAILY`);
  }
  let interval = 1;
  if (parts.has("INTERVAL")) {
    const n = parseIntStrict(parts.get("INTERVAL") as string);
    const max = freq === "DAILY" ? MAX_DAILY_INTERVAL : 1;
    if (n === undefined || n < 1 || n > max) {
      return fail(freq === "DAILY"
        ? `RRULE INTERVAL is "${parts.get("INTERVAL")}"; a daily schedule runs every 1 to ${MAX_DAILY_INTERVAL} days`
        : `RRULE INTERVAL is "${parts.get("INTERVAL")}"; a weekly schedule cannot skip weeks`);
    }
    interval = n;
  }
  let byDay: number[] = [];
  if (freq === "WEEKLY") {
    if (!parts.has("BYDAY")) return fail("a WEEKLY RRULE needs BYDAY, e.g. BYDAY=MO,TH");
    const days = listOf(parts.get("BYDAY") as string, (s) => {
      const i = (WEEKDAYS as readonly string[]).indexOf(s.toUpperCase());
      return i >= 0 ? i : undefined;
    });
    if (!days) return fail(`RRULE BYDAY is "${parts.get("BYDAY")}"; use a list of MO,TU,WE,TH,FR,SA,SU`);
    byDay = days;
  } else if (parts.has("BYDAY")) {
    return fail("a DAILY RRULE cannot have BYDAY; use FREQ=WEEKLY to pick weekdays");
  }
  if (!parts.has("BYHOUR")) return fail("the RRULE needs BYHOUR (0-23), e.g. BYHOUR=2,14");
  if (!parts.has("BYMINUTE")) return fail("the RRULE needs BYMINUTE (0-59), e.g. BYMINUTE=0");
  const byHour = listOf(parts.get("BYHOUR") as string, (s) => ranged(s, 0, 23));
  if (!byHour) return fail(`RRULE BYHOUR is "${parts.get("BYHOUR")}"; use a list of hours 0 to 23`);
  const byMinute = listOf(parts.get("BYMINUTE") as string, (s) => ranged(s, 0, 59));
  if (!byMinute) return fail(`RRULE BYMINUTE is "${parts.get("BYMINUTE")}"; use a list of minutes 0 to 59`);
  return { ok: true, rules: [{ freq, interval, byDay, byHour, byMinute }] };
}

/** Splits on CRLF or LF (also the literal two-character escapes a JSON-encoded pattern may carry) and unfolds. */
function unfold(text: string): string[] {
  const normalized = text.includes("\n") ? text : text.replace(/\\r\\n|\\n/g, "\n");
  const out: string[] = [];
  for (const raw of normalized.replace(/\r\n?/g, "\n").split("\n")) {
    if ((raw.startsWith(" ") || raw.startsWith("\t")) && out.length > 0) {
      out[out.length - 1] += raw.slice(1);
    } else if (raw.trim() !== "") {
      out.push(raw.trim());
    }
  }
  return out;
}

function listOf(text: string, item: (s: string) => number | undefined): number[] | undefined {
  const values = new Set<number>();
  for (const s of text.split(",")) {
    const v = item(s.trim());
    if (v === undefined) return undefined;
    values.add(v);
  }
  return values.size === 0 ? undefined : [...values].sort((a, b) => a - b);
}

function ranged(s: string, min: number, max: number): number | undefined {
  const n = parseIntStrict(s);
  return n !== undefined && n >= min && n <= max ? n : undefined;
}

function parseIntStrict(s: string): number | undefined {
  return /^\d{1,5}$/.test(s) ? Number(s) : undefined;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function fail(problem: string): IcalParse {
  return { ok: false, problem };
}
