import assert from "node:assert/strict";
import fc from "fast-check";
import type { IcalRule } from "../../../localcloud/csbs/ical";
import { checkScheduleRules, cycleDays, epochDay, occurrencesBetween } from "../../../localcloud/csbs/schedule-rules";

const MONDAY = epochDay(new Date("2030-01-07T00:00:00Z"));
const weekly = (byDay: number[], byHour: number[], byMinute: number[]): IcalRule => ({ freq: "WEEKLY", interval: 1, byDay, byHour, byMinute });
const daily = (interval: number, byHour: number[], byMinute: number[]): IcalRule => ({ freq: "DAILY", interval, byDay: [], byHour, byMinute });
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Independent oracle: expand with Date arithmetic over two whole cycles and look at every gap. */
function oracleMinGapMinutes(rules: IcalRule[], startDay: number): number {
  const days = 2 * cycleDays(rules) + 1;
  const times = new Set<number>();
  for (let d = 0; d < days; d++) {
    const date = new Date((startDay + d) * 86_400_000);
    const mondayBased = (date.getUTCDay() + 6) % 7;
    for (const r of rules) {
      const on = r.freq === "WEEKLY" ? r.byDay.includes(mondayBased) : d % r.interval === 0;
      if (!on) continue;
      for (const h of r.byHour) for (const m of r.byMinute) times.add(date.getTime() + (h * 60 + m) * 60_000);
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  let min = Infinity;
  for (let i = 1; i < sorted.length; i++) min = Math.min(min, (sorted[i] - sorted[i - 1]) / 60_000);
  return min;
}

describe("localcloud schedule rules", () => {
  it("accepts 24 runs a day exactly one hour apart, midnight included", () => {
    assert.equal(checkScheduleRules([daily(1, range(24), [0])], MONDAY), undefined);
  });

  it("rejects a schedule with runs 30 minutes apart across midnight", () => {
    const problem = checkScheduleRules([daily(1, [23], [45]), daily(1, [0], [15])], MONDAY);
    assert.match(problem ?? "", /23:45 UTC and TU 00:15 UTC, 1800 seconds apart \(across midnight\)/);
  });

  it("rejects a weekly schedule whose Sunday run is 30 minutes before the next Monday's", () => {
    const problem = checkScheduleRules([weekly([6], [23], [30]), weekly([0], [0], [0])], MONDAY);
    assert.match(problem ?? "", /SU 23:30 UTC and MO 00:00 UTC, 1800 seconds apart \(across the end of the cycle into the next\)/);
  });

  it("accepts a late and an early run on days that are never consecutive (DAILY INTERVAL=2)", () => {
    assert.equal(checkScheduleRules([daily(2, [23], [40]), daily(2, [0], [10])], MONDAY), undefined);
    assert.match(checkScheduleRules([daily(1, [23], [40]), daily(1, [0], [10])], MONDAY) ?? "", /across midnight/);
  });

  it("rejects more than 24 runs in one day", () => {
    assert.match(checkScheduleRules([daily(1, range(24), [0, 30])], MONDAY) ?? "", /48 times .* at most 24 times in a day/);
  });

  it("checks a weekly and a daily rule together over their combined cycle", () => {
    // DAILY INTERVAL=2 from a Monday hits Monday, Wednesday, ... and the next week's Tuesday: only then
    // does the Tuesday 00:30 weekly run collide with 00:00.
    const rules = [daily(2, [0], [0]), weekly([1], [0], [30])];
    assert.equal(cycleDays(rules), 14);
    assert.match(checkScheduleRules(rules, MONDAY) ?? "", /day 9 of the 14-day cycle/);
  });

  it("refuses rules whose combined cycle is absurdly long", () => {
    const rules = [23, 29, 19, 17].map((n) => daily(n, [1], [0]));
    assert.match(checkScheduleRules(rules, MONDAY) ?? "", /fewer different INTERVAL values/);
  });

  it("agrees with a brute-force expansion on random rule sets", () => {
    const rule = fc.oneof(
      fc.record({
        byDay: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
        byHour: fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 4 }),
        byMinute: fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 2 }),
      }).map((r) => weekly([...r.byDay].sort(), [...r.byHour].sort((a, b) => a - b), [...r.byMinute].sort((a, b) => a - b))),
      fc.record({
        interval: fc.integer({ min: 1, max: 10 }),
        byHour: fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 4 }),
        byMinute: fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 2 }),
      }).map((r) => daily(r.interval, [...r.byHour].sort((a, b) => a - b), [...r.byMinute].sort((a, b) => a - b))),
    );
    fc.assert(fc.property(fc.array(rule, { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 6 }), (rules, shift) => {
      const start = MONDAY + shift;
      const ok = checkScheduleRules(rules, start) === undefined;
      assert.equal(ok, oracleMinGapMinutes(rules, start) >= 60);
    }), { numRuns: 300 });
  });

  it("lists the runs in (from, to] in time order, DAILY intervals counted from the start day", () => {
    const runs = occurrencesBetween([daily(3, [6], [30]), weekly([3], [2], [0])], MONDAY,
      new Date("2030-01-07T06:30:00Z"), new Date("2030-01-14T00:00:00Z"));
    assert.deepEqual(runs.map((d) => d.toISOString()), [
      "2030-01-10T02:00:00.000Z", "2030-01-10T06:30:00.000Z", "2030-01-13T06:30:00.000Z"]);
  });

  it("makes no runs before the start day", () => {
    const runs = occurrencesBetween([daily(1, [1], [0])], MONDAY, new Date("2030-01-01T00:00:00Z"), new Date("2030-01-08T00:00:00Z"));
    assert.deepEqual(runs.map((d) => d.toISOString()), ["2030-01-07T01:00:00.000Z"]);
  });
});
