import * as assert from "node:assert/strict";
import { isWeekday, sortWeekdays, suggestWeekday, utcWeekdayOf, weekdayAt, weekdayIndex, WEEKDAYS } from "../../../provider/domain/weekday";

describe("weekday", () => {
  it("orders days Monday first", () => {
    assert.deepEqual([...WEEKDAYS], ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]);
    assert.equal(weekdayIndex("MO"), 0);
    assert.equal(weekdayIndex("SU"), 6);
  });

  it("wraps day positions in both directions", () => {
    assert.equal(weekdayAt(-1), "SU");
    assert.equal(weekdayAt(7), "MO");
  });

  it("sorts and deduplicates", () => {
    assert.deepEqual(sortWeekdays(["TH", "MO", "TH"]), ["MO", "TH"]);
  });

  it("accepts only upper-case two-letter days", () => {
    assert.ok(isWeekday("TH"));
    assert.ok(!isWeekday("th"));
    assert.ok(!isWeekday("THU"));
  });

  it("suggests the iCalendar day for common spellings", () => {
    assert.equal(suggestWeekday("Monday"), "MO");
    assert.equal(suggestWeekday("thu"), "TH");
    assert.equal(suggestWeekday("xyz"), undefined);
  });

  it("gives the UTC weekday of an instant", () => {
    assert.equal(utcWeekdayOf(new Date("2026-01-05T00:00:00Z")), "MO");
    assert.equal(utcWeekdayOf(new Date("2026-01-04T23:59:00Z")), "SU");
  });
});
