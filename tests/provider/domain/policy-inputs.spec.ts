import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../provider/domain/unknown";
import { validatePolicyInputs } from "../../../provider/domain/policy-inputs";
import { onlyFailureOn, properties, SUMMER, WINTER } from "./helpers";

const quickstart = {
  name: "daily-web",
  schedule: { times: ["02:00", "14:00"], weekdays: ["MO", "TH"], timezone: "Europe/Paris" },
  retention: { maxBackups: 7 },
  tags: { team: "web" },
};

describe("policy-inputs", () => {
  it("normalizes the quickstart policy and derives its pattern", () => {
    const result = validatePolicyInputs(quickstart, WINTER);
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.inputs, {
      name: "daily-web",
      description: "",
      enabled: true,
      schedule: { times: ["02:00", "14:00"], weekdays: ["MO", "TH"], timezone: "Europe/Paris" },
      retention: { maxBackups: 7 },
      tags: { team: "web" },
      adopt: false,
      pattern: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=1,13;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    });
  });

  it("reports a schedule broken only in UTC in the schedule's place among the other keys' failures", () => {
    const raw = { name: "bad name!", schedule: { times: ["00:30", "23:50"], everyNDays: 2, timezone: "Europe/Paris" }, retention: { maxBackups: 0 } };
    assert.deepEqual(properties(validatePolicyInputs(raw, WINTER).failures), ["name", "schedule.timezone", "retention.maxBackups"]);
    assert.deepEqual(properties(validatePolicyInputs({ ...raw, name: "p", retention: { maxBackups: 7 } }, WINTER).failures), ["schedule.timezone"]);
    assert.equal(validatePolicyInputs({ ...raw, name: "p", retention: { maxBackups: 7 } }, WINTER).inputs, undefined);
  });

  it("derives the pattern with the offset at deploy time", () => {
    assert.match(validatePolicyInputs(quickstart, SUMMER).inputs?.pattern ?? "", /BYHOUR=0,12;/);
  });

  it("requires a name of letters, digits, _ and -", () => {
    assert.match(onlyFailureOn(validatePolicyInputs({ ...quickstart, name: undefined }, WINTER).failures, "name"), /is missing: a policy name must be 1-255/);
    assert.match(onlyFailureOn(validatePolicyInputs({ ...quickstart, name: "daily web!" }, WINTER).failures, "name"), /replace other characters, e.g. "daily-web-"/);
    assert.match(onlyFailureOn(validatePolicyInputs({ ...quickstart, name: "n".repeat(256) }, WINTER).failures, "name"), /shorten it to 255/);
  });

  it("rejects descriptions with < or > and over 255 characters", () => {
    assert.match(onlyFailureOn(validatePolicyInputs({ ...quickstart, description: "<b>" }, WINTER).failures, "description"), /must not contain < or >/);
    assert.match(onlyFailureOn(validatePolicyInputs({ ...quickstart, description: "d".repeat(256) }, WINTER).failures, "description"), /has 256 characters/);
  });

  it('accepts enabled and adopt as booleans or "true"/"false"', () => {
    const result = validatePolicyInputs({ ...quickstart, enabled: "false", adopt: true }, WINTER);
    assert.equal(result.inputs?.enabled, false);
    assert.equal(result.inputs?.adopt, true);
    assert.equal(onlyFailureOn(validatePolicyInputs({ ...quickstart, enabled: 1 }, WINTER).failures, "enabled").includes("true or false"), true);
  });

  it("requires a schedule and a retention", () => {
    const failures = validatePolicyInputs({ name: "p" }, WINTER).failures;
    assert.deepEqual(properties(failures), ["schedule", "retention"]);
    assert.match(failures[0]?.message ?? "", /is missing: a policy needs a schedule/);
  });

  it("reports every problem of every input at once", () => {
    const failures = validatePolicyInputs(
      { name: "", schedule: { times: ["24:00", "23:30", "00:10"], everyNDays: 31 }, retention: { maxBackups: 0, permanent: true }, tags: { "a b": "c" }, extra: 1 },
      WINTER,
    ).failures;
    assert.deepEqual(properties(failures).sort(), ["extra", "name", "retention", "retention.maxBackups", "schedule.everyNDays", "schedule.times[0]", 'tags["a b"]'].sort());
  });

  it("ignores engine plumbing keys and empty optional values", () => {
    assert.deepEqual(validatePolicyInputs({ ...quickstart, __provider: "serialized", __name: "daily", pattern: undefined, description: null }, WINTER).failures, []);
  });

  it("keeps unknown values and leaves the pattern unknown", () => {
    const result = validatePolicyInputs({ ...quickstart, name: UNKNOWN, schedule: { ...quickstart.schedule, timezone: UNKNOWN } }, WINTER);
    assert.deepEqual(result.failures, []);
    assert.equal(result.inputs?.name, UNKNOWN);
    assert.equal(result.inputs?.pattern, UNKNOWN);
    assert.deepEqual(result.unknowns, ["name", "schedule.timezone"]);
  });

  it("rejects non-object inputs without throwing", () => {
    assert.equal(validatePolicyInputs(null, WINTER).failures.length, 1);
    assert.equal(validatePolicyInputs([quickstart], WINTER).failures.length, 1);
  });
});
