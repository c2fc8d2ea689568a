import * as assert from "node:assert/strict";
import { definedRules, isRuleId, RULE_IDS, validateAssociationInputs, validatePolicyInputs, validateSchedule } from "../../../provider/domain";
import * as path from "node:path";
import { failureTextTests, testsFailureText } from "./failure-text";
import { WINTER } from "./helpers";

const POLICY = "6f1c2b9e-0000-4000-8000-000000000abc";
const server = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const hourly = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`);

describe("rule ids", () => {
  it("are how code tells failures apart: no source in provider/, sdk/, digest/ or policy-pack/ tests a failure's text", () => {
    const root = path.resolve(__dirname, "../../../..");
    const found = failureTextTests(["provider", "sdk", "digest", "policy-pack/src"].map((d) => path.join(root, d)));
    assert.deepEqual(found.map((f) => path.relative(root, f)), []);
  });

  it("(the text-test finder catches the forms this project once had, and passes plain parsing)", () => {
    for (const line of [
      'if (isApiError(err, 500) && /can ?not be deleted/i.test(err.serviceMessage ?? "")) throw new BackupBusyError(ref.backupId, undefined, err);',
      "if (/socket hang up|other side closed|premature close|ECONNRESET/i.test(message)) return \"connection\";",
      'const count = /(\\d+) tags/.exec(f.message);',
      'const n = f.message.match(/(\\d+)/);',
      'if (String(err).includes("already exists")) return;',
      'if ((err.serviceMessage ?? "").startsWith("Quota")) return;',
    ]) assert.ok(testsFailureText(line), line);
    for (const line of ['if (/^\\d+$/.test(trimmed)) return Number(trimmed);', 'if (code.startsWith("ERR_SSL_")) return tls;', "// the old code matched /can not be deleted/.test(err.message)"]) {
      assert.equal(testsFailureText(line), false, line);
    }
  });

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
