import * as assert from "node:assert/strict";
import fc from "fast-check";
import { apiUtcOffset, longTermZone, toLongTermDefinition } from "../../../provider/domain/long-term";
import { validateRetention } from "../../../provider/domain/retention-schema";
import { UNKNOWN } from "../../../provider/domain/unknown";
import { onlyFailureOn } from "./helpers";

describe("long-term retention inputs", () => {
  it("accepts counts beside maxBackups or maxAgeDays and fills the absent ones with 0", () => {
    assert.deepEqual(validateRetention({ maxBackups: 3, longTerm: { daily: 7, monthly: "12" } }).value,
      { maxBackups: 3, longTerm: { daily: 7, weekly: 0, monthly: 12, yearly: 0 } });
    assert.deepEqual(validateRetention({ maxAgeDays: 30, longTerm: { yearly: 100 } }).value,
      { maxAgeDays: 30, longTerm: { daily: 0, weekly: 0, monthly: 0, yearly: 100 } });
  });

  it("rejects a count outside 0..100 naming the count, the value, the rule and the fix", () => {
    assert.equal(onlyFailureOn(validateRetention({ maxBackups: 3, longTerm: { daily: 101 } }).failures, "retention.longTerm.daily"),
      "`retention.longTerm.daily` is 101: a long-term count must be a whole number from 0 to 100; use at most 100");
    assert.match(onlyFailureOn(validateRetention({ maxBackups: 3, longTerm: { weekly: -1 } }).failures, "retention.longTerm.weekly"), /is -1: .* use e\.g\. 7/);
    assert.match(onlyFailureOn(validateRetention({ maxBackups: 3, longTerm: { weekly: 2.5 } }).failures, "retention.longTerm.weekly"), /whole number/);
  });

  it("rejects counts that keep nothing, unknown counts, and longTerm beside permanent", () => {
    assert.match(onlyFailureOn(validateRetention({ maxBackups: 3, longTerm: {} }).failures, "retention.longTerm"), /keeps nothing: set at least one of daily, weekly, monthly, yearly above 0/);
    assert.match(onlyFailureOn(validateRetention({ maxBackups: 3, longTerm: { daily: 0, weekly: 0 } }).failures, "retention.longTerm"), /keeps nothing/);
    assert.match(onlyFailureOn(validateRetention({ maxBackups: 3, longTerm: { hourly: 2, daily: 1 } }).failures, "retention.longTerm.hourly"), /is not a long-term count/);
    assert.match(onlyFailureOn(validateRetention({ permanent: true, longTerm: { daily: 7 } }).failures, "retention.longTerm"),
      /together with permanent: true, which already keeps every backup.*remove longTerm, or replace permanent with maxBackups or maxAgeDays/);
  });

  it("names each long-term problem by a stable rule id apart from its text", () => {
    const rules = (retention: unknown) => validateRetention(retention).failures.map((f) => [f.path, f.rule]);
    assert.deepEqual(rules({ maxBackups: 3, longTerm: { daily: 101 } }), [["retention.longTerm.daily", "retention.longTermRange"]]);
    assert.deepEqual(rules({ maxBackups: 3, longTerm: {} }), [["retention.longTerm", "retention.longTermEmpty"]]);
    assert.deepEqual(rules({ maxBackups: 3, longTerm: 7 }), [["retention.longTerm", "retention.longTermType"]]);
    assert.deepEqual(rules({ maxBackups: 3, longTerm: { daily: 1, hourly: 2 } }), [["retention.longTerm.hourly", "retention.longTermUnknownCount"]]);
    assert.deepEqual(rules({ permanent: true, longTerm: { daily: 7 } }), [["retention.longTerm", "retention.longTermWithPermanent"]]);
  });

  it("keeps preview unknowns as they are", () => {
    const v = validateRetention({ maxBackups: 3, longTerm: { daily: UNKNOWN } });
    assert.deepEqual(v.failures, []);
    assert.deepEqual(v.unknowns, ["retention.longTerm.daily"]);
  });

  it("derives the API timezone from the schedule zone at deploy time, daylight saving included", () => {
    assert.equal(longTermZone("Europe/Paris", new Date("2031-01-15T12:00:00Z")), "UTC+01:00");
    assert.equal(longTermZone("Europe/Paris", new Date("2031-07-15T12:00:00Z")), "UTC+02:00");
    assert.equal(longTermZone("UTC", new Date()), "UTC+00:00");
    assert.equal(longTermZone("UTC-05:30", new Date()), "UTC-05:30");
    assert.equal(longTermZone("Asia/Kathmandu", new Date("2031-01-15T12:00:00Z")), "UTC+05:45");
  });

  it("writes every offset as UTC±HH:MM, the form the API takes", () => {
    fc.assert(fc.property(fc.integer({ min: -14 * 60, max: 14 * 60 }), (m) => {
      const text = apiUtcOffset(m);
      const parsed = /^UTC([+-])(\d\d):(\d\d)$/.exec(text);
      assert.ok(parsed, text);
      assert.equal((parsed[1] === "-" ? -1 : 1) * (Number(parsed[2]) * 60 + Number(parsed[3])), m);
    }));
  });

  it("maps the counts to the four API fields with the zone", () => {
    assert.deepEqual(toLongTermDefinition({ daily: 7, weekly: 4, monthly: 3, yearly: 0 }, "UTC+01:00"),
      { day_backups: 7, week_backups: 4, month_backups: 3, year_backups: 0, timezone: "UTC+01:00" });
  });
});
