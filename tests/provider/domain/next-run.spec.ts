import * as assert from "node:assert/strict";
import fc from "fast-check";
import { parseIcal } from "../../../localcloud/csbs/ical";
import { epochDay, occurrencesBetween } from "../../../localcloud/csbs/schedule-rules";
import { nextRunAfter } from "../../../provider/domain/next-run";
import { renderPattern } from "../../../provider/domain/pattern";
import type { RRule } from "../../../provider/domain/utc-rules";
import { WEEKDAYS } from "../../../provider/domain/weekday";

const rule = (r: Partial<RRule>): RRule => ({ freq: "WEEKLY", interval: 1, byDay: [], byHour: [], byMinute: [], ...r });
const at = (iso: string): Date => new Date(iso);

describe("nextRunAfter", () => {
  it("gives the next weekly run later the same day, then on the next listed weekday", () => {
    const rules = [rule({ byDay: ["MO", "TH"], byHour: [2, 14], byMinute: [0] })];
    // 2030-01-07 is a Monday.
    assert.equal(nextRunAfter(rules, at("2030-01-07T03:00:00Z"), at("2030-01-01T00:00:00Z"))?.toISOString(), "2030-01-07T14:00:00.000Z");
    assert.equal(nextRunAfter(rules, at("2030-01-07T14:00:00Z"), at("2030-01-01T00:00:00Z"))?.toISOString(), "2030-01-10T02:00:00.000Z");
  });

  it("counts every-n-days runs from the day the trigger started", () => {
    const rules = [rule({ freq: "DAILY", interval: 3, byHour: [1], byMinute: [30] })];
    const started = at("2030-01-07T09:00:00Z");
    assert.equal(nextRunAfter(rules, at("2030-01-07T10:00:00Z"), started)?.toISOString(), "2030-01-10T01:30:00.000Z");
    assert.equal(nextRunAfter(rules, at("2030-01-10T01:30:00Z"), started)?.toISOString(), "2030-01-13T01:30:00.000Z");
  });

  it("is undefined for rules that never run", () => {
    assert.equal(nextRunAfter([], at("2030-01-07T00:00:00Z"), at("2030-01-07T00:00:00Z")), undefined);
  });

  it("agrees with the local cloud's scheduler on the first run after any instant", () => {
    const weekly = fc.record({
      freq: fc.constant("WEEKLY" as const), interval: fc.constant(1),
      byDay: fc.subarray([...WEEKDAYS], { minLength: 1 }), byHour: fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 4 }),
      byMinute: fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 1 }),
    });
    const daily = fc.record({
      freq: fc.constant("DAILY" as const), interval: fc.integer({ min: 1, max: 30 }), byDay: fc.constant([] as RRule["byDay"]),
      byHour: fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 4 }),
      byMinute: fc.uniqueArray(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 1 }),
    });
    const instant = fc.integer({ min: Date.parse("2030-01-01T00:00:00Z"), max: Date.parse("2031-01-01T00:00:00Z") }).map((ms) => new Date(ms));
    fc.assert(fc.property(fc.oneof(weekly, daily), instant, instant, (r, a, b) => {
      const [anchor, after] = a <= b ? [a, b] : [b, a];
      const parsed = parseIcal(renderPattern([r]));
      assert.ok(parsed.ok);
      const horizon = new Date(after.getTime() + 40 * 86_400_000);
      const expected = occurrencesBetween(parsed.rules, epochDay(anchor), after, horizon)[0];
      assert.equal(nextRunAfter([r], after, anchor)?.toISOString(), expected?.toISOString());
    }), { numRuns: 200 });
  });
});
