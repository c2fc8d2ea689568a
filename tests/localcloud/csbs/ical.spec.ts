import assert from "node:assert/strict";
import { parseIcal } from "../../../localcloud/csbs/ical";

const wrap = (...lines: string[]) => ["BEGIN:VCALENDAR", "BEGIN:VEVENT", ...lines, "END:VEVENT", "END:VCALENDAR", ""].join("\r\n");

function problem(text: unknown): string {
  const r = parseIcal(text);
  assert.equal(r.ok, false, `expected ${JSON.stringify(text)} to be rejected`);
  return (r as { problem: string }).problem;
}

describe("localcloud iCalendar reader", () => {
  it("reads the canonical weekly pattern with sorted, unique lists", () => {
    const r = parseIcal(wrap("RRULE:FREQ=WEEKLY;BYDAY=TH,MO,TH;BYHOUR=14,2;BYMINUTE=0"));
    assert.deepEqual(r, { ok: true, rules: [{ freq: "WEEKLY", interval: 1, byDay: [0, 3], byHour: [2, 14], byMinute: [0] }] });
  });

  it("reads several RRULE lines, LF line ends, lower-case keys and folded lines", () => {
    const text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nRRULE:freq=DAILY;INTERVAL=3;BYHOUR=1;\n BYMINUTE=30\nRRULE:FREQ=WEEKLY;BYDAY=SU;BYHOUR=12;BYMINUTE=5\nEND:VEVENT\nEND:VCALENDAR";
    const r = parseIcal(text);
    assert.ok(r.ok);
    assert.deepEqual(r.rules.map((x) => [x.freq, x.interval, x.byHour, x.byMinute]), [["DAILY", 3, [1], [30]], ["WEEKLY", 1, [12], [5]]]);
  });

  it("reads a pattern whose line breaks arrived as literal \\r\\n escapes", () => {
    assert.ok(parseIcal("BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nRRULE:FREQ=DAILY;BYHOUR=3;BYMINUTE=0\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n").ok);
  });

  it("tolerates other properties such as VERSION and SUMMARY", () => {
    assert.ok(parseIcal(["BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "SUMMARY:x", "RRULE:FREQ=DAILY;BYHOUR=3;BYMINUTE=0", "END:VEVENT", "END:VCALENDAR"].join("\r\n")).ok);
  });

  it("rejects FREQ other than WEEKLY or DAILY", () => {
    assert.match(problem(wrap("RRULE:FREQ=HOURLY;BYHOUR=1;BYMINUTE=0")), /FREQ is "HOURLY"/);
    assert.match(problem(wrap("RRULE:BYHOUR=1;BYMINUTE=0")), /FREQ/);
  });

  it("rejects unsupported parts such as COUNT and BYMONTH, and a part given twice", () => {
    assert.match(problem(wrap("RRULE:FREQ=DAILY;COUNT=3;BYHOUR=1;BYMINUTE=0")), /COUNT is not supported/);
    assert.match(problem(wrap("RRULE:FREQ=DAILY;BYMONTH=1;BYHOUR=1;BYMINUTE=0")), /BYMONTH/);
    assert.match(problem(wrap("RRULE:FREQ=DAILY;BYHOUR=1;BYHOUR=2;BYMINUTE=0")), /appears twice/);
  });

  it("rejects INTERVAL outside 1..30 for DAILY and any skipping for WEEKLY", () => {
    assert.match(problem(wrap("RRULE:FREQ=DAILY;INTERVAL=31;BYHOUR=1;BYMINUTE=0")), /every 1 to 30 days/);
    assert.match(problem(wrap("RRULE:FREQ=DAILY;INTERVAL=0;BYHOUR=1;BYMINUTE=0")), /every 1 to 30 days/);
    assert.match(problem(wrap("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=1;BYMINUTE=0")), /cannot skip weeks/);
    assert.ok(parseIcal(wrap("RRULE:FREQ=DAILY;INTERVAL=30;BYHOUR=1;BYMINUTE=0")).ok);
  });

  it("requires BYDAY for WEEKLY, forbids it for DAILY, and checks day names", () => {
    assert.match(problem(wrap("RRULE:FREQ=WEEKLY;BYHOUR=1;BYMINUTE=0")), /needs BYDAY/);
    assert.match(problem(wrap("RRULE:FREQ=DAILY;BYDAY=MO;BYHOUR=1;BYMINUTE=0")), /DAILY RRULE cannot have BYDAY/);
    assert.match(problem(wrap("RRULE:FREQ=WEEKLY;BYDAY=1MO;BYHOUR=1;BYMINUTE=0")), /BYDAY/);
  });

  it("requires BYHOUR 0-23 and BYMINUTE 0-59", () => {
    assert.match(problem(wrap("RRULE:FREQ=DAILY;BYMINUTE=0")), /needs BYHOUR/);
    assert.match(problem(wrap("RRULE:FREQ=DAILY;BYHOUR=1")), /needs BYMINUTE/);
    assert.match(problem(wrap("RRULE:FREQ=DAILY;BYHOUR=24;BYMINUTE=0")), /BYHOUR is "24"/);
    assert.match(problem(wrap("RRULE:FREQ=DAILY;BYHOUR=1;BYMINUTE=60")), /BYMINUTE is "60"/);
    assert.match(problem(wrap("RRULE:FREQ=DAILY;BYHOUR=-1;BYMINUTE=0")), /BYHOUR/);
  });

  it("rejects broken structure: no VCALENDAR, no VEVENT, two VEVENTs, unclosed, RRULE outside the VEVENT", () => {
    assert.match(problem("RRULE:FREQ=DAILY;BYHOUR=1;BYMINUTE=0"), /RRULE line must sit inside the VEVENT/);
    assert.match(problem("BEGIN:VCALENDAR\r\nEND:VCALENDAR"), /no VEVENT/);
    assert.match(problem(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "RRULE:FREQ=DAILY;BYHOUR=1;BYMINUTE=0", "END:VEVENT",
      "BEGIN:VEVENT", "RRULE:FREQ=DAILY;BYHOUR=5;BYMINUTE=0", "END:VEVENT", "END:VCALENDAR"].join("\r\n")), /exactly one VEVENT/);
    assert.match(problem("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=1;BYMINUTE=0\r\nEND:VEVENT"), /does not close VCALENDAR/);
    assert.match(problem("BEGIN:VCALENDAR\r\nRRULE:FREQ=DAILY;BYHOUR=1;BYMINUTE=0\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR"), /inside the VEVENT/);
    assert.match(problem(wrap()), /no RRULE/);
    assert.match(problem("BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nEND:VTODO\r\nEND:VCALENDAR"), /VTODO/);
  });

  it("rejects empty, non-text and over-long patterns", () => {
    assert.match(problem(""), /non-empty/);
    assert.match(problem(42), /non-empty/);
    assert.match(problem(wrap("RRULE:FREQ=DAILY;BYHOUR=1;BYMINUTE=0") + "X".repeat(10241)), /at most 10240/);
  });
});
