import * as assert from "node:assert/strict";
import { UNKNOWN, validateSchedule } from "../../../provider/domain";
import { onlyFailureOn, properties, WINTER } from "./helpers";

const hourly = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`);

describe("schedule", () => {
  it("normalizes times, weekdays and the default zone", () => {
    const result = validateSchedule({ times: ["14:00", "2:00", "02:00"], weekdays: ["th", "MO", "TH"] });
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.value, { times: ["02:00", "14:00"], weekdays: ["MO", "TH"], timezone: "UTC" });
  });

  it("treats all seven weekdays and everyNDays 1 as every day", () => {
    assert.deepEqual(validateSchedule({ times: ["02:00"], weekdays: ["SU", "MO", "TU", "WE", "TH", "FR", "SA"] }).value, { times: ["02:00"], timezone: "UTC" });
    assert.deepEqual(validateSchedule({ times: ["02:00"], everyNDays: 1 }).value, { times: ["02:00"], timezone: "UTC" });
  });

  it('accepts everyNDays given as the string "3"', () => {
    assert.equal(validateSchedule({ times: ["02:00"], everyNDays: "3" }).value?.everyNDays, 3);
  });

  it("rejects a schedule with runs 40 minutes apart across midnight, every day", () => {
    const reason = onlyFailureOn(validateSchedule({ times: ["23:30", "00:10"] }).failures, "schedule.times");
    assert.equal(
      reason,
      '`schedule.times` "23:30" and "00:10" are 40 minutes apart across midnight: runs must be at least 1 hour apart, ' +
        "also from the last run of one day to the first of the next; move one of them",
    );
  });

  it("rejects 23:30 on MO followed by 00:10 on TU and names the days", () => {
    const reason = onlyFailureOn(validateSchedule({ times: ["23:30", "00:10"], weekdays: ["MO", "TU"] }).failures, "schedule.times");
    assert.match(reason, /40 minutes apart across midnight \(MO→TU\)/);
  });

  it("accepts 23:30 and 00:10 on MO only", () => {
    assert.deepEqual(validateSchedule({ times: ["23:30", "00:10"], weekdays: ["MO"] }).failures, []);
  });

  it("rejects SU 23:30 into MO 00:10 at the end of the week", () => {
    const reason = onlyFailureOn(validateSchedule({ times: ["23:30", "00:10"], weekdays: ["MO", "SU"] }).failures, "schedule.times");
    assert.match(reason, /\(SU→MO\)/);
  });

  it("reports one pair on several nights once, listing the nights", () => {
    const reason = onlyFailureOn(validateSchedule({ times: ["23:30", "00:10"], weekdays: ["MO", "TU", "WE"] }).failures, "schedule.times");
    assert.match(reason, /\(MO→TU, TU→WE\)/);
  });

  it("rejects runs 30 minutes apart within a day", () => {
    const reason = onlyFailureOn(validateSchedule({ times: ["02:00", "02:30"] }).failures, "schedule.times");
    assert.match(reason, /"02:00" and "02:30" are 30 minutes apart: runs must be at least 1 hour apart/);
  });

  it("rejects 25 times and accepts 24 hourly times", () => {
    const failures = validateSchedule({ times: [...hourly, "12:30"] }).failures;
    assert.ok(failures.some((f) => f.path === "schedule.times" && /has 25 times: a policy runs at most 24 times a day; remove 1/.test(f.message)));
    assert.deepEqual(validateSchedule({ times: hourly }).failures, []);
  });

  it('rejects "24:00", "12:60" and "noon" with their index and a fix', () => {
    const failures = validateSchedule({ times: ["24:00", "12:60", "noon"] }).failures;
    assert.deepEqual(properties(failures), ["schedule.times[0]", "schedule.times[1]", "schedule.times[2]"]);
    assert.equal(failures[0]?.message, '`schedule.times[0]` is "24:00": a run time must be HH:MM from 00:00 to 23:59; use "00:00"');
    assert.match(failures[2]?.message ?? "", /use "12:00"$/);
  });

  it("rejects missing, empty and non-list times", () => {
    assert.match(onlyFailureOn(validateSchedule({}).failures, "schedule.times"), /is missing/);
    assert.match(onlyFailureOn(validateSchedule({ times: [] }).failures, "schedule.times"), /is empty/);
    assert.match(onlyFailureOn(validateSchedule({ times: "02:00" }).failures, "schedule.times"), /write times: \["02:00"\]/);
    assert.match(onlyFailureOn(validateSchedule({ times: [2] }).failures, "schedule.times[0]"), /"HH:MM" string/);
  });

  it("rejects both weekdays and everyNDays", () => {
    const failures = validateSchedule({ times: ["02:00"], weekdays: ["MO"], everyNDays: 2 }).failures;
    assert.match(onlyFailureOn(failures, "schedule"), /has both weekdays and everyNDays/);
  });

  it("rejects everyNDays outside 1..30 and non-integers", () => {
    assert.match(onlyFailureOn(validateSchedule({ times: ["02:00"], everyNDays: 31 }).failures, "schedule.everyNDays"), /is 31: .*from 1 to 30; use at most 30/);
    assert.match(onlyFailureOn(validateSchedule({ times: ["02:00"], everyNDays: 0 }).failures, "schedule.everyNDays"), /is 0/);
    assert.match(onlyFailureOn(validateSchedule({ times: ["02:00"], everyNDays: 2.5 }).failures, "schedule.everyNDays"), /is 2.5: .*; use 3/);
    assert.equal(validateSchedule({ times: ["02:00"], everyNDays: "2.0" }).failures.length, 1);
  });

  it("rejects unknown and empty weekdays with fixes", () => {
    assert.match(onlyFailureOn(validateSchedule({ times: ["02:00"], weekdays: ["Monday"] }).failures, "schedule.weekdays[0]"), /write "MO"/);
    assert.match(onlyFailureOn(validateSchedule({ times: ["02:00"], weekdays: ["XX"] }).failures, "schedule.weekdays[0]"), /use one of MO/);
    assert.match(onlyFailureOn(validateSchedule({ times: ["02:00"], weekdays: [] }).failures, "schedule.weekdays"), /leave weekdays out to run every day/);
  });

  it("rejects an invalid time zone on schedule.timezone", () => {
    assert.match(onlyFailureOn(validateSchedule({ times: ["02:00"], timezone: "Paris" }).failures, "schedule.timezone"), /IANA/);
  });

  it("rejects settings it does not know", () => {
    assert.match(onlyFailureOn(validateSchedule({ times: ["02:00"], weekday: ["MO"] }).failures, "schedule.weekday"), /not a schedule setting/);
  });

  it("reports every problem of one schedule at once", () => {
    const failures = validateSchedule({ times: ["24:00", "23:30", "00:10"], weekdays: ["MO"], everyNDays: 31, timezone: "Nowhere" }).failures;
    assert.deepEqual(properties(failures).sort(), ["schedule", "schedule.everyNDays", "schedule.times[0]", "schedule.timezone"]);
  });

  it("uses the given path prefix", () => {
    assert.equal(validateSchedule({ times: ["x"] }, "policy.schedule").failures[0]?.path, "policy.schedule.times[0]");
  });

  it("keeps unknown values and skips their checks", () => {
    const result = validateSchedule({ times: ["02:00", UNKNOWN], weekdays: UNKNOWN, timezone: UNKNOWN });
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.value, { times: ["02:00", UNKNOWN], weekdays: UNKNOWN, timezone: UNKNOWN });
    assert.deepEqual(result.unknowns, ["schedule.times[1]", "schedule.weekdays", "schedule.timezone"]);
  });

  it("still checks the known times when the days are unknown", () => {
    const result = validateSchedule({ times: ["02:00", "02:30"], weekdays: [UNKNOWN] });
    assert.match(onlyFailureOn(result.failures, "schedule.times"), /30 minutes apart/);
  });

  it("keeps a wholly unknown schedule", () => {
    assert.deepEqual(validateSchedule(UNKNOWN), { value: UNKNOWN, failures: [], unknowns: ["schedule"] });
  });

  it("rejects every 2 days when the zone moves only some times across midnight in UTC", () => {
    const failures = validateSchedule({ times: ["00:30", "23:50"], everyNDays: 2, timezone: "Europe/Paris" }, "schedule", WINTER).failures;
    const reason = onlyFailureOn(failures, "schedule.timezone");
    assert.match(reason, /"00:30" moves to the previous day but "23:50" does not/);
    assert.match(reason, /"22:50" and "23:30" UTC would be 40 minutes apart/);
    assert.match(reason, /keep every time between "01:00" and "23:59" local/);
  });

  it("accepts the same schedule in UTC, or without a deploy time", () => {
    assert.deepEqual(validateSchedule({ times: ["00:30", "23:50"], everyNDays: 2 }, "schedule", WINTER).failures, []);
    assert.deepEqual(validateSchedule({ times: ["00:30", "23:50"], everyNDays: 2, timezone: "Europe/Paris" }).failures, []);
  });

  it("accepts a weekly schedule whose times cross midnight in UTC", () => {
    assert.deepEqual(validateSchedule({ times: ["00:30", "23:50"], weekdays: ["MO"], timezone: "Europe/Paris" }, "schedule", WINTER).failures, []);
  });

  it("never throws on garbage", () => {
    for (const raw of [null, 3, "x", [], [1], { times: { a: 1 } }, { times: [null, [], {}] }, { weekdays: "MO", times: ["1:1"] }]) {
      const result = validateSchedule(raw);
      assert.ok(result.failures.length > 0, JSON.stringify(raw));
    }
  });
});
