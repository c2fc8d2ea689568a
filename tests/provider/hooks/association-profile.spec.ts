import * as assert from "node:assert/strict";
import type { AssociationInputs } from "../../../provider/domain/association-inputs";
import { UNKNOWN } from "../../../provider/domain/unknown";
import { inheritProfile } from "../../../provider/hooks/association-profile";

const BASE: AssociationInputs = { policyId: "6f1c2b9e-0000-4000-8000-000000000abc", serverIds: [], takeOver: false };

describe("an association's profile and its policy's", () => {
  it("takes its policy's profile when it names none", () => {
    assert.deepEqual(inheritProfile(BASE, "paris"), { inputs: { ...BASE, profile: "paris" } });
    assert.deepEqual(inheritProfile(BASE, ""), { inputs: BASE }, "a policy of the stack-wide settings gives none");
  });

  it("keeps its own profile when the policy is not one of the program, or has the same one", () => {
    assert.deepEqual(inheritProfile({ ...BASE, profile: "lab" }, undefined), { inputs: { ...BASE, profile: "lab" } });
    assert.deepEqual(inheritProfile({ ...BASE, profile: "paris" }, "paris"), { inputs: { ...BASE, profile: "paris" } });
    assert.deepEqual(inheritProfile({ ...BASE, profile: UNKNOWN }, "paris"), { inputs: { ...BASE, profile: UNKNOWN } });
  });

  it("fails a profile that is not its policy's with association.profileMismatch at `profile`", () => {
    const other = inheritProfile({ ...BASE, profile: "amsterdam" }, "paris");
    assert.ok("failure" in other);
    assert.equal(other.failure.rule, "association.profileMismatch");
    assert.equal(other.failure.path, "profile");
    assert.match(other.failure.message, /is "amsterdam", but its policy is in profile "paris"/);
    const stackWide = inheritProfile({ ...BASE, profile: "amsterdam" }, "");
    assert.ok("failure" in stackWide);
    assert.match(stackWide.failure.message, /its policy is in the stack-wide settings \(no profile\)/);
  });
});
