import * as assert from "node:assert/strict";
import {
  DeploymentRegistry,
  serversDeclaredByOthers,
  serversMovingWithinDeployment,
  serversOwnedByDeployment,
} from "../../../provider/runtime/deployment-registry";

// Most declarations of these tests are in one project and region.
const PLACE = "https://csbs.example/v1/project";

let registry = new DeploymentRegistry();
const registerPolicy = (entry: Parameters<DeploymentRegistry["registerPolicy"]>[0]) => registry.registerPolicy(entry, PLACE);
const registerAssociation = (entry: Parameters<DeploymentRegistry["registerAssociation"]>[0]) => registry.registerAssociation(entry, PLACE);
const isMovingWithinDeployment = (serverId: string, to: string) => serversMovingWithinDeployment(registry.snapshot(PLACE), to).has(serverId);

describe("the deployment registry", () => {
  beforeEach(() => (registry = new DeploymentRegistry()));

  it("keeps one entry per resource name, the latest check winning", () => {
    registerPolicy({ resourceName: "daily", policyName: "a", creates: true });
    registerPolicy({ resourceName: "daily", policyName: "b", creates: true });
    assert.deepEqual(
      registry.snapshot(PLACE).policies.map((p) => p.policyName),
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
    assert.deepEqual([...serversMovingWithinDeployment(registry.snapshot(PLACE), "c")].sort(), ["s1", "s3"]);
    assert.deepEqual([...serversMovingWithinDeployment(registry.snapshot(PLACE), "b")].sort(), ["s1"]);
  });

  it("sees a new check of an association anew: what leaves it is worked out per registered entry", () => {
    registerAssociation({ resourceName: "a", policyId: "p1", serverIds: [], oldPolicyId: "p1", oldServerIds: ["s1"], takeOver: false });
    assert.equal(isMovingWithinDeployment("s1", "b"), true);
    registerAssociation({ resourceName: "a", policyId: "p1", serverIds: ["s1"], oldPolicyId: "p1", oldServerIds: ["s1"], takeOver: false });
    assert.equal(isMovingWithinDeployment("s1", "b"), false);
  });

  it("counts the servers a deployment holds in a policy from state and from the program", () => {
    registerAssociation({ resourceName: "a", policyId: "p1", serverIds: ["s2"], oldPolicyId: "p1", oldServerIds: ["s1"], takeOver: false });
    registerAssociation({ resourceName: "b", policyId: "p2", serverIds: ["s3"], oldServerIds: [], takeOver: false });
    assert.deepEqual([...serversOwnedByDeployment(registry.snapshot(PLACE), "p1")].sort(), ["s1", "s2"]);
  });

  it("names the servers other associations of a policy declare, not the asking one's", () => {
    registerAssociation({ resourceName: "a", policyId: "p1", serverIds: ["s1"], oldServerIds: [], takeOver: false });
    registerAssociation({ resourceName: "b", policyId: "p1", serverIds: ["s2"], oldServerIds: [], takeOver: false });
    registerAssociation({ resourceName: "c", policyId: "p2", serverIds: ["s3"], oldServerIds: [], takeOver: false });
    assert.deepEqual([...serversDeclaredByOthers(registry.snapshot(PLACE), "p1", "a")], ["s2"]);
  });

  it("forgets every declaration on clear, and a snapshot taken before keeps what it saw", () => {
    registerPolicy({ resourceName: "x", policyName: "x", creates: false });
    registry.registerServerBackup({ resourceName: "b" }, PLACE);
    const before = registry.snapshot(PLACE);
    registry.clear();
    assert.deepEqual(registry.snapshot(PLACE), { policies: [], associations: [], serverBackups: [] });
    assert.equal(before.policies.length, 1);
    assert.deepEqual(before.serverBackups, [{ resourceName: "b" }]);
  });

  it("keeps each project and region apart: a server moving in one place is not moving in another", () => {
    const other = "https://csbs.region-two.example/v1/project";
    registerAssociation({ resourceName: "a", policyId: "p1", serverIds: [], oldPolicyId: "p1", oldServerIds: ["s1"], takeOver: false });
    registry.registerAssociation({ resourceName: "b", policyId: "q1", serverIds: ["s1"], oldServerIds: [], takeOver: false }, other);
    assert.equal(serversMovingWithinDeployment(registry.snapshot(PLACE), "c").has("s1"), true);
    assert.equal(serversMovingWithinDeployment(registry.snapshot(other), "c").has("s1"), false);
    assert.deepEqual(registry.snapshot(other).associations.map((a) => a.resourceName), ["b"]);
  });

  it("moves a resource to the place it is registered in last (its profile changed), and finds a policy in any place", () => {
    const other = "https://csbs.region-two.example/v1/project";
    registerPolicy({ resourceName: "daily", policyName: "daily", creates: true });
    registry.registerPolicy({ resourceName: "daily", policyName: "daily", creates: true, takesOverId: "id-2" }, other);
    assert.deepEqual(registry.snapshot(PLACE).policies, []);
    assert.equal(registry.policy("daily")?.takesOverId, "id-2");
  });

  it("remembers which associations' changes of a policy's list were handed to a write, per policy, until cleared", () => {
    registry.joined("p1", "a");
    assert.equal(registry.hasJoined("p1", "a"), true);
    assert.equal(registry.hasJoined("p2", "a"), false, "a change of another policy's list is its own");
    assert.equal(registry.hasJoined("p1", "b"), false);
    registerAssociation({ resourceName: "a", policyId: "p1", policyKey: "p1", serverIds: ["s1"], oldServerIds: [], takeOver: false });
    assert.equal(registry.hasJoined("p1", "a"), false, "a new check of the association declares a change still to come");
    registry.joined("p1", "a");
    registry.clear();
    assert.equal(registry.hasJoined("p1", "a"), false, "the next deployment starts afresh");
  });
});
