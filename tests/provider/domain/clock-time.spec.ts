import * as assert from "node:assert/strict";
import { formatClockTime, parseClockTime } from "../../../provider/domain/clock-time";

describe("clock-time", () => {
  it('reads "2:00" as 02:00', () => {
    assert.deepEqual(parseClockTime("2:00"), { ok: true, minutes: 120 });
    assert.deepEqual(parseClockTime(" 23:59 "), { ok: true, minutes: 1439 });
  });

  it('rejects "24:00" and suggests "00:00"', () => {
    const parsed = parseClockTime("24:00");
    assert.ok(!parsed.ok);
    assert.equal(parsed.fix, 'use "00:00"');
  });

  it('rejects "12:60" saying minutes go to 59', () => {
    const parsed = parseClockTime("12:60");
    assert.ok(!parsed.ok && parsed.fix.includes("59"));
  });

  it('rejects "noon" and suggests "12:00"', () => {
    const parsed = parseClockTime("noon");
    assert.ok(!parsed.ok && parsed.fix === 'use "12:00"');
  });

  it("suggests HH:MM for a bare hour", () => {
    const parsed = parseClockTime("14");
    assert.ok(!parsed.ok && parsed.fix.includes('"14:00"'));
  });

  it("formats minutes as HH:MM, wrapping around the day", () => {
    assert.equal(formatClockTime(120), "02:00");
    assert.equal(formatClockTime(-30), "23:30");
    assert.equal(formatClockTime(1440 + 5), "00:05");
  });
});
