import * as assert from "node:assert/strict";
import { changedProperties, enabledKey, idSetKey, patternKey, retentionKey, scheduleKey, stableJson, tagsKey, textKey } from "../../../provider/hooks/normalize";
import { UNKNOWN } from "../../../provider/domain/unknown";

const PATTERN = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=2,14;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

describe("normalize: the keys diff compares", () => {
  it("ignores key order and absent values in JSON, and keeps arrays in order", () => {
    assert.equal(stableJson({ b: 1, a: { d: null, c: [2, 1] } }), stableJson({ a: { c: [2, 1] }, b: 1 }));
    assert.notEqual(stableJson([1, 2]), stableJson([2, 1]));
    assert.equal(stableJson(undefined), "null");
  });

  it("gives one key to schedules that mean the same, and another to a different one", () => {
    assert.equal(scheduleKey({ times: ["2:00"], weekdays: ["mo"] }), scheduleKey({ weekdays: ["MO"], times: ["02:00"] }));
    assert.notEqual(scheduleKey({ times: ["02:00"] }), scheduleKey({ times: ["03:00"] }));
    // An invalid schedule still has a key (its JSON), so diff never throws.
    assert.equal(scheduleKey({ times: "x" }), stableJson({ times: "x" }));
  });

  it("reads numbers given as text in retention, and tells kinds apart", () => {
    assert.equal(retentionKey({ maxBackups: "7" }), retentionKey({ maxBackups: 7 }));
    assert.notEqual(retentionKey({ maxBackups: 7 }), retentionKey({ maxAgeDays: 7 }));
  });

  it("renders equal patterns alike, whatever their line endings, and falls back to JSON for others", () => {
    assert.equal(patternKey(PATTERN), patternKey(PATTERN.replace(/\r\n/g, "\n")));
    assert.equal(patternKey("not a calendar"), JSON.stringify("not a calendar"));
  });

  it("compares text, flags, tags and id sets the way the API returns them", () => {
    assert.equal(textKey(undefined), textKey(null));
    assert.equal(textKey(""), "");
    assert.equal(enabledKey(undefined), "true");
    assert.equal(enabledKey("false"), "false");
    assert.equal(tagsKey(undefined), tagsKey({}));
    assert.equal(tagsKey({ n: 1, a: "x" }), tagsKey({ a: "x", n: "1" }));
    assert.equal(idSetKey(["b", "a", "b"]), idSetKey(["a", "b"]));
    assert.notEqual(idSetKey(["a"]), idSetKey(["a", "c"]));
  });

  it("lists changed properties only, and counts a value not known yet as a change", () => {
    const keys = { name: textKey, enabled: enabledKey, serverIds: idSetKey };
    assert.deepEqual(changedProperties({ name: "a", enabled: true, serverIds: ["x", "y"] }, { name: "a", serverIds: ["y", "x"] }, keys), []);
    assert.deepEqual(changedProperties({ name: "a" }, { name: "b" }, keys), ["name"]);
    assert.deepEqual(changedProperties({ serverIds: ["x"] }, { serverIds: ["x", UNKNOWN] }, keys), ["serverIds"]);
  });

  it("normalizes only values that differ: equal ones (a copy, not the same object) are unchanged without a key", () => {
    const normalized: unknown[] = [];
    const counting = (value: unknown) => {
      normalized.push(value);
      return scheduleKey(value);
    };
    const schedule = { times: ["2:00"], timezone: "Europe/Paris" };
    assert.deepEqual(changedProperties({ schedule }, { schedule: structuredClone(schedule) }, { schedule: counting }), []);
    assert.deepEqual(normalized, []);
    // Different spellings of one schedule still go through the key, and still compare equal.
    assert.deepEqual(changedProperties({ schedule }, { schedule: { ...schedule, times: ["02:00"] } }, { schedule: counting }), []);
    assert.equal(normalized.length, 2);
    assert.deepEqual(changedProperties({ schedule }, { schedule: { ...schedule, times: ["03:00"] } }, { schedule: counting }), ["schedule"]);
  });
});
