import * as assert from "node:assert/strict";
import { validateAssociationInputs } from "../../../provider/domain/association-inputs";
import { validatePolicyInputs } from "../../../provider/domain/policy-inputs";
import { UNKNOWN } from "../../../provider/domain/unknown";

const POLICY = { schedule: { times: ["02:00"] }, retention: { maxBackups: 7 } };
const ASSOCIATION = { policyId: "6f1c2b9e-0000-4000-8000-000000000abc", serverIds: ["6f1c2b9e-0000-4000-8000-000000000abd"] };
const NOW = new Date("2026-01-15T12:00:00Z");

describe("the profile input", () => {
  it("is optional and kept as given on a policy and an association, the preview sentinel included", () => {
    assert.equal(validatePolicyInputs({ ...POLICY, name: "p" }, NOW).inputs?.profile, undefined);
    assert.equal(validatePolicyInputs({ ...POLICY, name: "p", profile: "paris" }, NOW).inputs?.profile, "paris");
    assert.equal(validatePolicyInputs({ ...POLICY, name: "p", profile: UNKNOWN }, NOW).inputs?.profile, UNKNOWN);
    assert.equal(validateAssociationInputs({ ...ASSOCIATION, profile: "eu_west-0" }).inputs?.profile, "eu_west-0");
  });

  it("refuses a name that cannot be a profile (a --path step) with profile.name", () => {
    for (const profile of ["par.is", "", "a b", 7, "x".repeat(65)]) {
      const failures = validatePolicyInputs({ ...POLICY, name: "p", profile }, NOW).failures;
      assert.deepEqual(failures.map((f) => [f.path, f.rule]), [["profile", "profile.name"]], String(profile));
    }
    assert.match(validateAssociationInputs({ ...ASSOCIATION, profile: "par.is" }).failures[0]?.message ?? "", /^`profile` is "par\.is": a profile is the name of a stack config profile/);
  });
});
