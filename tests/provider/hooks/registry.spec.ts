import * as assert from "node:assert/strict";
import {
  isMovingWithinDeployment,
  registerAssociation,
  registerPolicy,
  registeredPolicies,
  resetRegistry,
  serversMovingWithinDeployment,
  serversOwnedByDeployment,
} from "../../../provider/hooks/registry";

describe("the deployment registry", () => {
  beforeEach(() => resetRegistry());

  it("keeps one entry per resource name, the latest check winning", () => {
    registerPolicy({ resourceName: "daily", policyName: "a", creates: true });
    registerPolicy({ resourceName: "daily", policyName: "b", creates: true });
    assert.deepEqual(
      registeredPolicies().map((p) => p.policyName),
      ["b"],
    );
  });

  it("sees a server leaving one association for another of the same deployment as a move", () => {
    registerAssociation({ resourceName: "a", policyId: "p1", policyKey: "p1", serverIds: [], oldPolicyId: "p1", oldServerIds: ["s1"], takeOver: false });
    assert.equal(isMovingWithinDeployment("s1", "b"), true);
  });

  it("does not call it a move when the old association still declares the server", () => {
    registerAssociation({ resourceName: "a", policyId: "p1", policyKey: "p1", serverIds: ["s1"], oldPolicyId: "p1", oldServerIds: ["s1"], takeOver: false });
    assert.equal(isMovingWithinDeployment("s1", "b"), false);
    assert.equal(isMovingWithinDeployment("s2", "b"), false);
  });

  it("collects every server leaving its association in one set, leaving out the asking association's own", () => {
    registerAssociation({ resourceName: "a", policyId: "p1", serverIds: ["s2"], oldPolicyId: "p1", oldServerIds: ["s1", "s2"], takeOver: false });
    registerAssociation({ resourceName: "b", policyId: "p2", serverIds: [], oldPolicyId: "p2", oldServerIds: ["s3"], takeOver: false });
    registerAssociation({ resourceName: "c", policyId: "p3", serverIds: ["s1"], oldServerIds: [], takeOver: false });
    assert.deepEqual([...serversMovingWithinDeployment("c")].sort(), ["s1", "s3"]);
    assert.deepEqual([...serversMovingWithinDeployment("b")].sort(), ["s1"]);
  });

  it("counts the servers a deployment holds in a policy from state and from the program", () => {
    registerAssociation({ resourceName: "a", policyId: "p1", serverIds: ["s2"], oldPolicyId: "p1", oldServerIds: ["s1"], takeOver: false });
    registerAssociation({ resourceName: "b", policyId: "p2", serverIds: ["s3"], oldServerIds: [], takeOver: false });
    assert.deepEqual([...serversOwnedByDeployment("p1")].sort(), ["s1", "s2"]);
  });

  it("is shared by every copy of the module in the process", () => {
    registerPolicy({ resourceName: "x", policyName: "x", creates: false });
    const holder = globalThis as unknown as Record<symbol, { policies: Map<string, unknown> }>;
    assert.ok(holder[Symbol.for("pulumi-csbs.deployment-registry")].policies.has("x"));
  });
});
