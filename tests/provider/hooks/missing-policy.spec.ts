import * as assert from "node:assert/strict";
import { missingPolicyFailures } from "../../../provider/hooks/missing-policy";
import { livePolicy, uuid } from "./rule-support";

describe("an association's policy must exist", () => {
  const live = [livePolicy(uuid(1), "daily")];

  it("fails a known policy id that no live policy has, at policyId", () => {
    const failures = missingPolicyFailures(uuid(2), live);
    assert.deepEqual(failures.map((f) => [f.path, f.rule]), [["policyId", "policy.notFound"]]);
    assert.ok(failures[0].message.includes(uuid(2)));
  });

  it("passes a live policy's id, and an id not known yet", () => {
    assert.deepEqual(missingPolicyFailures(uuid(1), live), []);
    assert.deepEqual(missingPolicyFailures(undefined, []), []);
  });
});
