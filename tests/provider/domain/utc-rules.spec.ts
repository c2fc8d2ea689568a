import * as assert from "node:assert/strict";
import { canonicalRules, RRule, rulesToCycle, scheduleToUtcRules, utcRulesToSchedule } from "../../../provider/domain/utc-rules";
import { SUMMER, WINTER } from "./helpers";

const weekly = (byDay: RRule["byDay"], byHour: number[], byMinute: number[]): RRule => ({ freq: "WEEKLY", interval: 1, byDay, byHour, byMinute });
const daily = (interval: number, byHour: number[], byMinute: number[]): RRule => ({ freq: "DAILY", interval, byDay: [], byHour, byMinute });

describe("utc-rules", () => {
  it("converts MO,TH 02:00,14:00 Europe/Paris in winter to 01:00,13:00 UTC", () => {
    const rules = scheduleToUtcRules({ times: ["02:00", "14:00"], weekdays: ["MO", "TH"], timezone: "Europe/Paris" }, WINTER);
    assert.deepEqual(rules, [weekly(["MO", "TH"], [1, 13], [0])]);
  });

  it("uses the summer offset in summer", () => {
    const rules = scheduleToUtcRules({ times: ["02:00", "14:00"], weekdays: ["MO", "TH"], timezone: "Europe/Paris" }, SUMMER);
    assert.deepEqual(rules, [weekly(["MO", "TH"], [0, 12], [0])]);
  });

  it("moves MO 00:30 Europe/Paris in winter to SU 23:30 UTC", () => {
    const rules = scheduleToUtcRules({ times: ["00:30"], weekdays: ["MO"], timezone: "Europe/Paris" }, WINTER);
    assert.deepEqual(rules, [weekly(["SU"], [23], [30])]);
  });

  it("moves SU 22:00 UTC-03:00 to MO 01:00 UTC", () => {
    const rules = scheduleToUtcRules({ times: ["22:00"], weekdays: ["SU"], timezone: "UTC-03:00" }, WINTER);
    assert.deepEqual(rules, [weekly(["MO"], [1], [0])]);
  });

  it("splits into one rule per (day set, minute) when only some times change day", () => {
    const rules = scheduleToUtcRules({ times: ["00:30", "12:00"], weekdays: ["MO"], timezone: "Europe/Paris" }, WINTER);
    assert.deepEqual(rules, [weekly(["MO"], [11], [0]), weekly(["SU"], [23], [30])]);
  });

  it("renders every day as DAILY and every n days as DAILY with an interval", () => {
    assert.deepEqual(scheduleToUtcRules({ times: ["02:00"], timezone: "UTC+08:00" }, WINTER), [daily(1, [18], [0])]);
    assert.deepEqual(scheduleToUtcRules({ times: ["02:00", "03:30"], everyNDays: 3, timezone: "UTC" }, WINTER), [daily(3, [2], [0]), daily(3, [3], [30])]);
  });

  it("canonicalizes different spellings of the same runs to one form", () => {
    const spelled = [weekly(["TH"], [13, 1], [0]), weekly(["MO"], [1], [0]), weekly(["MO"], [13], [0])];
    assert.deepEqual(canonicalRules(spelled), [weekly(["MO", "TH"], [1, 13], [0])]);
  });

  it("treats DAILY restricted to days as weekly", () => {
    const rules = canonicalRules([{ freq: "DAILY", interval: 1, byDay: ["TU"], byHour: [5], byMinute: [0] }]);
    assert.deepEqual(rules, [weekly(["TU"], [5], [0])]);
  });

  it("expands a week of weekly rules and n days of DAILY rules", () => {
    assert.deepEqual(rulesToCycle([weekly(["TU"], [1], [0])]), { lengthDays: 7, runs: [1440 + 60] });
    assert.deepEqual(rulesToCycle([daily(3, [1], [0, 30])]), { lengthDays: 3, runs: [60, 90] });
  });

  it("turns UTC rules back into the local schedule for refresh", () => {
    const back = utcRulesToSchedule([weekly(["SU"], [23], [30]), weekly(["MO"], [11], [0])], "Europe/Paris", WINTER);
    assert.deepEqual(back, { ok: true, schedule: { times: ["00:30", "12:00"], weekdays: ["MO"], timezone: "Europe/Paris" } });
  });

  it("reads DAILY back as every day and DAILY;INTERVAL=n as every n days", () => {
    assert.deepEqual(utcRulesToSchedule([daily(1, [18], [0])], "UTC+08:00", WINTER), { ok: true, schedule: { times: ["02:00"], timezone: "UTC+08:00" } });
    assert.deepEqual(utcRulesToSchedule([daily(2, [23], [30])], "Europe/Paris", WINTER), {
      ok: true,
      schedule: { times: ["00:30"], everyNDays: 2, timezone: "Europe/Paris" },
    });
  });

  it("reads a weekly rule on all seven days as every day", () => {
    const back = utcRulesToSchedule([weekly(["MO", "TU", "WE", "TH", "FR", "SA", "SU"], [2], [0])], "UTC", WINTER);
    assert.deepEqual(back, { ok: true, schedule: { times: ["02:00"], timezone: "UTC" } });
  });

  it("explains patterns one schedule cannot express", () => {
    const uneven = utcRulesToSchedule([weekly(["MO"], [1], [0]), weekly(["TU"], [2], [0])], "UTC", WINTER);
    assert.ok(!uneven.ok && /different times on different days \(MO 01:00; TU 02:00\)/.test(uneven.error));
    const mixed = utcRulesToSchedule([weekly(["MO"], [1], [0]), daily(2, [2], [0])], "UTC", WINTER);
    assert.ok(!mixed.ok && /mixes weekly rules and rules every n days/.test(mixed.error));
    assert.equal(utcRulesToSchedule([], "UTC", WINTER).ok, false);
  });
});
