import * as assert from "node:assert/strict";
import { associationLabel, hasState, policyLabel } from "../../../provider/hooks/resource-label";

describe("resource labels", () => {
  it("names a resource by its type and the name the program gave it", () => {
    assert.equal(policyLabel({ __resourceName: "daily" }), 'BackupPolicy "daily"');
    assert.equal(associationLabel({ __resourceName: "web" }), 'PolicyAssociation "web"');
    assert.equal(policyLabel({}), 'BackupPolicy "?"');
    assert.equal(associationLabel({ __resourceName: 3 }), 'PolicyAssociation "?"');
  });

  it("sees state only in previous inputs other than the provider reference", () => {
    assert.equal(hasState(undefined), false);
    assert.equal(hasState({}), false);
    assert.equal(hasState({ __provider: "x" }), false);
    assert.equal(hasState({ __provider: "x", name: "daily" }), true);
  });
});
