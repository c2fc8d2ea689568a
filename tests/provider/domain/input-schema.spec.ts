import * as assert from "node:assert/strict";
import fc from "fast-check";
import { UNKNOWN, unknownPaths, validateAssociationInputs, validatePolicyInputs } from "../../../provider/domain";
import { WINTER } from "./helpers";

const policy = {
  name: "daily-web",
  description: "web servers",
  enabled: true,
  schedule: { times: ["02:00", "14:00"], weekdays: ["MO", "TH"], timezone: "Europe/Paris" },
  retention: { maxBackups: 7 },
  tags: { team: "web", env: "prod" },
  adopt: false,
};
const association = { policyId: "6f1c2b9e-0000-4000-8000-000000000abc", serverIds: ["00000000-0000-4000-8000-000000000001"], takeOver: true };

/** Every path to a value inside `value`, objects and lists included, as key lists. */
function allPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const here = at.length > 0 ? [at] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => allPaths(item, [...at, i]))];
  if (typeof value === "object" && value !== null) return [...here, ...Object.entries(value).flatMap(([k, v]) => allPaths(v, [...at, k]))];
  return here;
}

function replaced(value: unknown, at: (string | number)[], by: unknown): unknown {
  if (at.length === 0) return by;
  // An ancestor already replaced by the sentinel stays the sentinel.
  if (typeof value !== "object" || value === null) return value;
  const [head, ...rest] = at as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? replaced(item, rest, by) : item));
  const record = value as Record<string, unknown>;
  return { ...record, [head]: replaced(record[head], rest, by) };
}

describe("input schemas", () => {
  it("let Pulumi's unknown value stand at any depth of valid inputs, and list where it stands", () => {
    const paths = allPaths(policy);
    fc.assert(
      fc.property(fc.subarray(paths, { minLength: 1, maxLength: 3 }), (chosen) => {
        const raw = chosen.reduce<unknown>((value, at) => replaced(value, at, UNKNOWN), policy);
        const result = validatePolicyInputs(raw, WINTER);
        assert.deepEqual(result.failures, [], JSON.stringify(raw));
        assert.ok(result.inputs !== undefined);
        assert.deepEqual(result.unknowns, unknownPaths(raw));
      }),
      { numRuns: 200 },
    );
    for (const at of allPaths(association)) assert.deepEqual(validateAssociationInputs(replaced(association, at, UNKNOWN)).failures, []);
  });

  it("rejects an unknown key at every level, naming it, the rule and the fix", () => {
    const result = validatePolicyInputs(
      { ...policy, retenton: { maxBackups: 7 }, schedule: { ...policy.schedule, weekday: ["MO"] }, retention: { maxBackups: 7, days: 3 } },
      WINTER,
    );
    assert.deepEqual(
      result.failures.map((f) => [f.path, f.rule]),
      [
        ["schedule.weekday", "schedule.unknownSetting"],
        ["retention.days", "retention.unknownSetting"],
        ["retenton", "policy.unknownInput"],
      ],
    );
    assert.equal(
      result.failures[2]?.message,
      "`retenton` is not an input of BackupPolicy: remove it (inputs are name, description, enabled, schedule, retention, tags, adopt, profile)",
    );
    assert.deepEqual(validateAssociationInputs({ ...association, server: "x" }).failures.map((f) => f.rule), ["association.unknownInput"]);
  });

  it("reports every problem at once with the path, the value, the rule and the fix", () => {
    const result = validatePolicyInputs({ ...policy, enabled: "maybe", schedule: { times: ["25:00"], everyNDays: 0 }, tags: { k: 3 } }, WINTER);
    assert.deepEqual(
      result.failures.map((f) => [f.path, f.rule, f.message]),
      [
        ["enabled", "input.boolean", '`enabled` is "maybe": enabled must be true or false; leave it out for true'],
        ["schedule.times[0]", "schedule.timeFormat", '`schedule.times[0]` is "25:00": a run time must be HH:MM from 00:00 to 23:59; hours go from 00 to 23'],
        [
          "schedule.everyNDays",
          "schedule.everyNDays",
          "`schedule.everyNDays` is 0: everyNDays must be a whole number of days from 1 to 30; use 1 for every day, or leave it out",
        ],
        ["tags.k", "tags.value", "`tags.k` is 3: a tag value must be a string of 0-43 characters of letters, digits, _ and -; change it"],
      ],
    );
  });
});
