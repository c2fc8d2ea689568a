import * as assert from "node:assert/strict";
import { takenOverPolicyId } from "../../../provider/hooks/adopted-policy";
import { resetProviderRuntime } from "../../../provider/runtime/provider-runtime";

const urn = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;
const POLICY_TYPE = "pulumi-nodejs:dynamic:Resource$csbs:BackupPolicy";

describe("the policy an association's BackupPolicy takes over", () => {
  beforeEach(() => {
    const runtime = resetProviderRuntime();
    runtime.deployment.registerPolicy({ resourceName: "daily", policyName: "daily", creates: true, takesOverId: "live-1" }, "https://csbs.example/v1/p");
    runtime.deployment.registerPolicy({ resourceName: "fresh", policyName: "fresh", creates: true }, "https://csbs.example/v1/p");
  });
  after(() => resetProviderRuntime());

  it("is the live policy id the BackupPolicy named by the URN will take over", () => {
    assert.equal(takenOverPolicyId(urn(POLICY_TYPE, "daily")), "live-1");
  });

  it("is none for a policy that takes nothing over, an unknown resource, another type or no URN", () => {
    assert.equal(takenOverPolicyId(urn(POLICY_TYPE, "fresh")), undefined);
    assert.equal(takenOverPolicyId(urn(POLICY_TYPE, "other")), undefined);
    assert.equal(takenOverPolicyId(urn("pulumi-nodejs:dynamic:Resource$csbs:PolicyAssociation", "daily")), undefined);
    assert.equal(takenOverPolicyId("daily"), undefined);
    assert.equal(takenOverPolicyId(undefined), undefined);
  });
});
