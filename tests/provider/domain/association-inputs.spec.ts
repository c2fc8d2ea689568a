import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../provider/domain/unknown";
import { isUuid, validateAssociationInputs } from "../../../provider/domain/association-inputs";
import { onlyFailureOn, properties } from "./helpers";

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const POLICY = "6f1c2b9e-0000-4000-8000-000000000abc";

describe("association-inputs", () => {
  it("normalizes ids to lower case, sorts servers and defaults takeOver to false", () => {
    const result = validateAssociationInputs({ policyId: POLICY.toUpperCase(), serverIds: [id(2), id(1).toUpperCase()] });
    assert.deepEqual(result.inputs, { policyId: POLICY, serverIds: [id(1), id(2)], takeOver: false });
  });

  it("ignores engine plumbing keys", () => {
    assert.deepEqual(validateAssociationInputs({ policyId: POLICY, serverIds: [id(1)], __provider: "x", __name: "web" }).failures, []);
  });

  it("rejects non-UUID ids with their index", () => {
    const failures = validateAssociationInputs({ policyId: "daily", serverIds: [id(1), "web-001"] }).failures;
    assert.deepEqual(properties(failures), ["policyId", "serverIds[1]"]);
    assert.match(failures[1]?.message ?? "", /^`serverIds\[1\]` is "web-001": a server id must be a UUID/);
  });

  it("rejects duplicates naming the earlier index", () => {
    assert.match(onlyFailureOn(validateAssociationInputs({ policyId: POLICY, serverIds: [id(1), id(2), id(3), id(1)] }).failures, "serverIds[3]"), /already listed at serverIds\[0\]/);
  });

  it("rejects empty lists and more than 64 servers", () => {
    assert.match(onlyFailureOn(validateAssociationInputs({ policyId: POLICY, serverIds: [] }).failures, "serverIds"), /is empty/);
    const many = Array.from({ length: 65 }, (_, i) => id(i));
    assert.match(onlyFailureOn(validateAssociationInputs({ policyId: POLICY, serverIds: many }).failures, "serverIds"), /has 65 ids/);
  });

  it("rejects a non-boolean takeOver and unknown inputs", () => {
    assert.equal(validateAssociationInputs({ policyId: POLICY, serverIds: [id(1)], takeOver: "yes" }).failures[0]?.path, "takeOver");
    assert.equal(validateAssociationInputs({ policyId: POLICY, serverIds: [id(1)], servers: [] }).failures[0]?.path, "servers");
  });

  it("keeps an unknown policy id and unknown server ids", () => {
    const result = validateAssociationInputs({ policyId: UNKNOWN, serverIds: [UNKNOWN, id(1)] });
    assert.deepEqual(result.inputs, { policyId: UNKNOWN, serverIds: [id(1), UNKNOWN], takeOver: false });
    assert.deepEqual(result.unknowns, ["policyId", "serverIds[0]"]);
  });

  it("recognizes UUIDs", () => {
    assert.ok(isUuid(id(1)));
    assert.ok(!isUuid("not-a-uuid"));
  });
});
