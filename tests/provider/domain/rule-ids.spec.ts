import * as assert from "node:assert/strict";
import { definedRules, isRuleId, RULE_IDS, validateAssociationInputs, validatePolicyInputs, validateSchedule } from "../../../provider/domain";
import { WINTER } from "./helpers";

const POLICY = "6f1c2b9e-0000-4000-8000-000000000abc";
const server = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const hourly = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`);

describe("rule ids", () => {
  it("lists every rule the input schemas define, each once", () => {
    const defined = definedRules();
    assert.equal(new Set(defined).size, defined.length);
    for (const rule of defined) assert.ok(isRuleId(rule), `${rule} is missing from RULE_IDS`);
    assert.equal(new Set(RULE_IDS).size, RULE_IDS.length);
  });

  it("names the rule of each schedule problem apart from its text", () => {
    const rules = (raw: unknown) => validateSchedule(raw, "schedule", WINTER).failures.map((f) => f.rule);
    assert.deepEqual(rules({ times: [...hourly, "12:30"] }), ["schedule.tooManyTimes", "schedule.runsTooClose", "schedule.runsTooClose"]);
    assert.deepEqual(rules({ times: ["23:30", "00:10"] }), ["schedule.runsTooClose"]);
    assert.deepEqual(rules({ times: ["24:00"] }), ["schedule.timeFormat"]);
    assert.deepEqual(rules({ times: ["02:00"], weekdays: ["MO"], everyNDays: 2 }), ["schedule.weekdaysAndEveryNDays"]);
    assert.deepEqual(rules({ times: ["00:30", "23:50"], everyNDays: 2, timezone: "Europe/Paris" }), ["schedule.utcRunsTooClose"]);
    assert.deepEqual(rules({ times: ["02:00"], timezone: "Paris" }), ["schedule.timezone"]);
  });

  it("names the rule of each policy and association input problem", () => {
    const policy = validatePolicyInputs({ name: "a b", schedule: { times: ["02:00"] }, retention: { maxBackups: 7, maxAgeDays: 3 }, tags: { k: "a b" } }, WINTER);
    assert.deepEqual(
      policy.failures.map((f) => [f.path, f.rule]),
      [
        ["name", "policy.name"],
        ["retention", "retention.exactlyOneKind"],
        ["tags.k", "tags.value"],
      ],
    );
    const association = validateAssociationInputs({ policyId: POLICY, serverIds: [server(1), server(1)], takeOver: "yes" });
    assert.deepEqual(
      association.failures.map((f) => [f.path, f.rule]),
      [
        ["serverIds[1]", "association.duplicateServerId"],
        ["takeOver", "input.boolean"],
      ],
    );
  });
});
