import * as assert from "node:assert/strict";
import { DESCRIPTION_FORBIDDEN, LIMITS, NAME_CHARS } from "../../../provider/domain/limits";

describe("limits", () => {
  it("holds the CSBS limits of the user guide", () => {
    assert.equal(LIMITS.policiesPerProject, 32);
    assert.equal(LIMITS.serversPerPolicy, 64);
    assert.equal(LIMITS.runsPerDay, 24);
    assert.equal(LIMITS.minMinutesBetweenRuns, 60);
    assert.deepEqual([LIMITS.everyNDaysMin, LIMITS.everyNDaysMax], [1, 30]);
    assert.deepEqual([LIMITS.retentionMin, LIMITS.retentionMax], [1, 99999]);
    assert.equal(LIMITS.tagsMax, 10);
    assert.equal(LIMITS.patternMaxChars, 10240);
  });

  it("allows letters, digits, _ and - in names and nothing else", () => {
    assert.ok(NAME_CHARS.test("daily_web-1"));
    assert.ok(!NAME_CHARS.test("daily web"));
    assert.ok(!NAME_CHARS.test("é"));
  });

  it("forbids < and > in descriptions", () => {
    assert.ok(DESCRIPTION_FORBIDDEN.test("a <b>"));
    assert.ok(!DESCRIPTION_FORBIDDEN.test("web tier & db"));
  });
});
