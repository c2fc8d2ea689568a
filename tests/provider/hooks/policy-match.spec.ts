import * as assert from "node:assert/strict";
import type { PolicySpec } from "../../../provider/backends/policy-backend";
import { policyDifferences } from "../../../provider/hooks/policy-match";
import { livePolicy } from "./rule-support";

const PATTERN = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=2;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
const live = { ...livePolicy("p1", "daily"), pattern: PATTERN, tags: { team: "web" } };
const spec: PolicySpec = { name: "daily", description: "", enabled: true, pattern: PATTERN, retention: { maxBackups: 7 }, tags: { team: "web" } };

describe("policyDifferences", () => {
  it("finds none between a live policy and the declaration it matches, line endings aside", () => {
    assert.deepEqual(policyDifferences(live, { ...spec, pattern: PATTERN.replace(/\r\n/g, "\n") }), []);
  });

  it("says each difference in its own sentence, the schedule as its rules", () => {
    const diffs = policyDifferences(live, {
      ...spec,
      description: "web",
      enabled: false,
      pattern: PATTERN.replace("BYHOUR=2", "BYHOUR=3"),
      retention: { maxAgeDays: 30 },
      tags: {},
    });
    assert.deepEqual(diffs, [
      'description is "" in the cloud but "web" here',
      "enabled is true in the cloud but false here",
      "the schedule differs: the cloud runs FREQ=WEEKLY;BYDAY=MO;BYHOUR=2;BYMINUTE=0, this program asks for FREQ=WEEKLY;BYDAY=MO;BYHOUR=3;BYMINUTE=0",
      'retention is {"maxBackups":7} in the cloud but {"maxAgeDays":30} here',
      'tags are {"team":"web"} in the cloud but {} here',
    ]);
  });

  it("does not compare long-term counts, which the API never shows", () => {
    assert.deepEqual(policyDifferences(live, { ...spec, retention: { maxBackups: 7, longTerm: { daily: 3, weekly: 0, monthly: 0, yearly: 0 } } }), []);
  });
});
