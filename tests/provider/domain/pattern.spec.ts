import * as assert from "node:assert/strict";
import { parsePattern, renderPattern } from "../../../provider/domain/pattern";
import { RRule } from "../../../provider/domain/utc-rules";

const CANONICAL = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=1,13;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
const rule = (r: Partial<RRule>): RRule => ({ freq: "WEEKLY", interval: 1, byDay: [], byHour: [], byMinute: [], ...r });

function parsed(text: string): RRule[] {
  const result = parsePattern(text);
  assert.ok(result.ok, result.ok ? "" : result.error);
  return result.rules;
}

function error(text: unknown): string {
  const result = parsePattern(text);
  assert.ok(!result.ok, "expected the pattern to be rejected");
  return result.error;
}

describe("pattern", () => {
  it("renders the canonical CRLF pattern", () => {
    assert.equal(renderPattern([rule({ byDay: ["TH", "MO"], byHour: [13, 1], byMinute: [0] })]), CANONICAL);
  });

  it("renders DAILY without INTERVAL=1 and with INTERVAL=n for n > 1", () => {
    assert.match(renderPattern([rule({ freq: "DAILY", byHour: [2], byMinute: [0] })]), /RRULE:FREQ=DAILY;BYHOUR=2;BYMINUTE=0\r\n/);
    assert.match(renderPattern([rule({ freq: "DAILY", interval: 3, byHour: [2], byMinute: [0] })]), /RRULE:FREQ=DAILY;INTERVAL=3;BYHOUR=2;BYMINUTE=0\r\n/);
  });

  it("renders one RRULE per (day set, minute) in a fixed order", () => {
    const text = renderPattern([rule({ byDay: ["SU"], byHour: [23], byMinute: [30] }), rule({ byDay: ["MO"], byHour: [11], byMinute: [0] })]);
    assert.equal(
      text,
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=11;BYMINUTE=0\r\nRRULE:FREQ=WEEKLY;BYDAY=SU;BYHOUR=23;BYMINUTE=30\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
  });

  it("parses the canonical pattern", () => {
    assert.deepEqual(parsed(CANONICAL), [rule({ byDay: ["MO", "TH"], byHour: [1, 13], byMinute: [0] })]);
  });

  it("parses LF line endings, extra blank space, lower case and literal \\n escapes", () => {
    const expected = [rule({ byDay: ["TH"], byHour: [12], byMinute: [27] })];
    assert.deepEqual(parsed("BEGIN:VCALENDAR\nBEGIN:VEVENT\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\nEND:VEVENT\nEND:VCALENDAR\n"), expected);
    assert.deepEqual(parsed("  begin:vcalendar\r\n\r\n BEGIN:VEVENT \r\nrrule: FREQ=WEEKLY; BYDAY=TH ;BYHOUR=12;BYMINUTE=27\r\nEND:VEVENT\r\nEND:VCALENDAR"), expected);
    assert.deepEqual(parsed("BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nRRULE:FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=27\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n"), expected);
  });

  it("parses several RRULE lines, lists and folded lines", () => {
    const text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nRRULE:FREQ=DAILY;INTERVAL=2;BYHOUR=1,2;BYMINUTE=0,30\nRRULE:FREQ=WEEKLY;BYDAY=MO\n ;BYHOUR=5;BYMINUTE=0\nEND:VEVENT\nEND:VCALENDAR\n";
    assert.deepEqual(parsed(text), [
      rule({ freq: "DAILY", interval: 2, byHour: [1, 2], byMinute: [0, 30] }),
      rule({ byDay: ["MO"], byHour: [5], byMinute: [0] }),
    ]);
  });

  it("ignores descriptive lines such as VERSION and PRODID", () => {
    assert.equal(parsed("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//x//y\nBEGIN:VEVENT\nRRULE:FREQ=DAILY;BYHOUR=1;BYMINUTE=0\nEND:VEVENT\nEND:VCALENDAR").length, 1);
  });

  it("rejects FREQ other than WEEKLY or DAILY", () => {
    assert.match(error(CANONICAL.replace("FREQ=WEEKLY", "FREQ=HOURLY")), /FREQ=HOURLY is not supported: use WEEKLY or DAILY/);
  });

  it("rejects unknown rule parts", () => {
    assert.match(error(CANONICAL.replace(";BYMINUTE=0", ";BYMINUTE=0;COUNT=3")), /rule part COUNT is not supported/);
  });

  it("rejects out-of-range values", () => {
    assert.match(error(CANONICAL.replace("BYHOUR=1,13", "BYHOUR=1,24")), /BYHOUR value "24" is out of range: use 0 to 23/);
    assert.match(error(CANONICAL.replace("BYMINUTE=0", "BYMINUTE=60")), /BYMINUTE value "60" is out of range/);
    assert.match(error(CANONICAL.replace("BYDAY=MO,TH", "BYDAY=MO,XX")), /BYDAY value "XX"/);
    assert.match(error(CANONICAL.replace("FREQ=WEEKLY;BYDAY=MO,TH", "FREQ=DAILY;INTERVAL=31")), /INTERVAL=31 is out of range/);
  });

  it("rejects patterns over 10240 characters", () => {
    assert.match(error(CANONICAL + " ".repeat(10240)), /at most 10240/);
  });

  it("rejects missing parts and broken structure", () => {
    assert.match(error(CANONICAL.replace(";BYHOUR=1,13", "")), /BYHOUR is missing/);
    assert.match(error(CANONICAL.replace(";BYDAY=MO,TH", "")), /FREQ=WEEKLY needs BYDAY/);
    assert.match(error("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), /no RRULE/);
    assert.match(error("RRULE:FREQ=DAILY;BYHOUR=1;BYMINUTE=0"), /inside BEGIN:VEVENT/);
    assert.match(error(CANONICAL.replace("END:VCALENDAR\r\n", "")), /VCALENDAR/);
    assert.match(error(CANONICAL.replace("RRULE:", "EXDATE:20260101\r\nRRULE:")), /EXDATE is not supported/);
    assert.match(error(42), /not text/);
  });
});
