/**
 * Karbor's `calendar` trigger format, read into the shared schedule model. Karbor accepts any iCalendar text
 * with a VEVENT holding RRULE lines (a bare VEVENT too, and the JSON-escaped `\n` form) and fills what an RRULE
 * leaves out from the trigger's start_time, as dateutil does. The local cloud rewrites such a pattern into the
 * VCALENDAR/WEEKLY|DAILY form the shared scheduler runs, then checks the 3600 s rule over the WHOLE cycle
 * (docs/csbs-api-notes.md section D) instead of Karbor's weak "next two runs" check.
 */
import { parseIcal, WEEKDAYS } from "../../csbs/ical";
import { checkScheduleRules, epochDay, weekdayOf } from "../../csbs/schedule-rules";

export const INTERVAL_MESSAGE = "The interval of two adjacent time points is less than 3600";

export type KarborPattern = { ok: true; schedulable: string } | { ok: false; message: string };

function lines(text: string): string[] {
  const normalized = text.includes("\n") ? text : text.replace(/\\r\\n|\\n/g, "\n");
  const out: string[] = [];
  for (const raw of normalized.replace(/\r\n?/g, "\n").split("\n")) {
    if ((raw.startsWith(" ") || raw.startsWith("\t")) && out.length > 0) out[out.length - 1] += raw.slice(1);
    else if (raw.trim() !== "") out.push(raw.trim());
  }
  return out;
}

type Rewrite = { line: string } | { tooFrequent: true } | { unsupported: string };

/** One RRULE value with start_time defaults filled in, as FREQ=WEEKLY|DAILY with BYHOUR and BYMINUTE. */
function rewriteRrule(value: string, start: Date): Rewrite {
  const parts = new Map<string, string>();
  for (const raw of value.split(";")) {
    if (raw.trim() === "") continue;
    const eq = raw.indexOf("=");
    if (eq <= 0) return { unsupported: `RRULE part "${raw}" is not KEY=VALUE` };
    parts.set(raw.slice(0, eq).trim().toUpperCase(), raw.slice(eq + 1).trim());
  }
  for (const key of parts.keys()) {
    if (!["FREQ", "INTERVAL", "BYDAY", "BYHOUR", "BYMINUTE", "WKST"].includes(key)) {
      return { unsupported: `RRULE part ${key}` };
    }
  }
  const freq = (parts.get("FREQ") ?? "").toUpperCase();
  const interval = parts.has("INTERVAL") ? Number(parts.get("INTERVAL")) : 1;
  if (!Number.isInteger(interval) || interval < 1) return { unsupported: `INTERVAL=${parts.get("INTERVAL")}` };
  const hour = String(start.getUTCHours());
  const minute = parts.get("BYMINUTE") ?? String(start.getUTCMinutes());
  if (freq === "SECONDLY" || freq === "MINUTELY") return { tooFrequent: true };
  if (freq === "HOURLY") {
    if (parts.has("BYHOUR")) return { line: build(parts.get("BYDAY"), 1, parts.get("BYHOUR")!, minute) };
    if (24 % interval !== 0) return { unsupported: `FREQ=HOURLY;INTERVAL=${interval} (the local cloud models hourly intervals that divide 24)` };
    if (minute.includes(",")) return { tooFrequent: true };
    const hours: number[] = [];
    for (let h = start.getUTCHours() % interval; h < 24; h += interval) hours.push(h);
    return { line: build(parts.get("BYDAY"), 1, hours.join(","), minute) };
  }
  if (freq === "DAILY") {
    if (parts.has("BYDAY") && interval !== 1) return { unsupported: "FREQ=DAILY with both INTERVAL and BYDAY" };
    return { line: build(parts.get("BYDAY"), interval, parts.get("BYHOUR") ?? hour, minute) };
  }
  if (freq === "WEEKLY") {
    if (interval !== 1) return { unsupported: `FREQ=WEEKLY;INTERVAL=${interval}` };
    return { line: build(parts.get("BYDAY") ?? WEEKDAYS[weekdayOf(epochDay(start))], 1, parts.get("BYHOUR") ?? hour, minute) };
  }
  return { unsupported: `FREQ=${freq || "(none)"}` };
}

function build(byDay: string | undefined, interval: number, byHour: string, byMinute: string): string {
  if (byDay !== undefined) return `RRULE:FREQ=WEEKLY;BYDAY=${byDay};BYHOUR=${byHour};BYMINUTE=${byMinute}`;
  return `RRULE:FREQ=DAILY;${interval > 1 ? `INTERVAL=${interval};` : ""}BYHOUR=${byHour};BYMINUTE=${byMinute}`;
}

/** Reads a trigger pattern as Karbor would, and checks the interval rule over the whole cycle from `start`. */
export function readKarborPattern(pattern: unknown, start: Date): KarborPattern {
  const invalid = (): KarborPattern => ({ ok: false, message: `The trigger pattern(${String(pattern)}) is invalid` });
  if (typeof pattern !== "string" || pattern.trim() === "") return invalid();
  let text = lines(pattern);
  if (!text.some((l) => /^BEGIN:VEVENT$/i.test(l))) return invalid();
  if (!text.some((l) => /^BEGIN:VCALENDAR$/i.test(l))) text = ["BEGIN:VCALENDAR", ...text, "END:VCALENDAR"];
  const out: string[] = [];
  for (const line of text) {
    const m = /^RRULE:(.*)$/i.exec(line);
    if (!m) {
      out.push(line);
      continue;
    }
    const r = rewriteRrule(m[1], start);
    if ("tooFrequent" in r) return { ok: false, message: INTERVAL_MESSAGE };
    if ("unsupported" in r) return { ok: false, message: `The trigger pattern(${pattern}) is invalid: the local cloud does not model ${r.unsupported}` };
    out.push(r.line);
  }
  const schedulable = `${out.join("\r\n")}\r\n`;
  const parsed = parseIcal(schedulable);
  if (!parsed.ok) return invalid();
  const problem = checkScheduleRules(parsed.rules, epochDay(start));
  if (problem) return /apart|times on/.test(problem) ? { ok: false, message: INTERVAL_MESSAGE } : invalid();
  return { ok: true, schedulable };
}
