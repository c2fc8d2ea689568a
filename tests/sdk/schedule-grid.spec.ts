import * as assert from "node:assert/strict";
import type { ScheduleArgs } from "../../sdk/backup-policy";
import { renderScheduleGrid } from "../../sdk/schedule-grid";

const WINTER = new Date("2026-01-05T12:00:00Z");

describe("renderScheduleGrid", () => {
  it("draws the schedule as a text grid headed by the schedule and zone, and as an SVG image", () => {
    const schedule: ScheduleArgs = { times: ["02:00", "14:00"], weekdays: ["MO", "TH"], timezone: "Europe/Paris" };
    const text = renderScheduleGrid(schedule, "text", WINTER);
    assert.match(text.split("\n")[0], /^runs on MO, TH at 02:00, 14:00 in Europe\/Paris \(UTC\+01:00\)/);
    const svg = renderScheduleGrid(schedule, "svg", WINTER);
    assert.match(svg, /^<svg[\s\S]*<\/svg>\s*$/);
  });

  it("throws every problem of an invalid schedule, each with its rule, the path once", () => {
    assert.throws(
      () => renderScheduleGrid({ times: ["25:00", "02:00", "02:30"] }, "text", WINTER),
      (err: Error) => {
        const lines = err.message.split("\n");
        assert.equal(lines[0], "invalid schedule:");
        assert.ok(lines.some((l) => l.includes("(rule schedule.timeFormat)")), err.message);
        assert.ok(lines.some((l) => l.includes("(rule schedule.runsTooClose)")), err.message);
        assert.ok(lines.every((l) => (l.match(/`schedule\.times/g) ?? []).length <= 1), err.message);
        return true;
      },
    );
  });
});
