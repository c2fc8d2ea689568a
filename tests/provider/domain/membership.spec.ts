import * as assert from "node:assert/strict";
import { checkPolicyQuota, checkServersPerPolicy, findServerConflicts, serverClaims } from "../../../provider/domain/membership";

const names = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe("membership", () => {
  it("fails 31 live policies plus 2 new ones with the limit and a fix", () => {
    assert.equal(
      checkPolicyQuota({ livePolicyNames: names("old", 31), newPolicyNames: ["a", "b"] }),
      "project already has 31 policies outside this stack; this deployment adds 2; the limit is 32 per project: delete unused policies or use an existing one",
    );
  });

  it("counts a declared policy that already exists once", () => {
    assert.equal(checkPolicyQuota({ livePolicyNames: [...names("old", 30), "a", "b"], newPolicyNames: ["a", "b"] }), undefined);
    assert.match(checkPolicyQuota({ livePolicyNames: [...names("old", 31), "a"], newPolicyNames: ["a", "b"] }) ?? "", /adds 1 and keeps 1 it already has/);
  });

  it("passes at exactly the limit and honours a custom limit", () => {
    assert.equal(checkPolicyQuota({ livePolicyNames: names("old", 30), newPolicyNames: ["a", "b"] }), undefined);
    assert.match(checkPolicyQuota({ livePolicyNames: [], newPolicyNames: ["a", "b"], limit: 1 }) ?? "", /the limit is 1 per project/);
  });

  it("fails 65 servers over two associations and names both", () => {
    const message = checkServersPerPolicy({
      policyLabel: 'policy "daily-web"',
      live: [],
      associations: [
        { name: "web-a", serverIds: names("s", 40) },
        { name: "web-b", serverIds: names("t", 25) },
      ],
    });
    assert.match(message ?? "", /^policy "daily-web" would hold 65 servers \(association "web-a" lists 40, association "web-b" lists 25\): a policy holds at most 64 servers/);
  });

  it("counts live servers outside the deployment and shared ids once", () => {
    assert.equal(checkServersPerPolicy({ policyLabel: "p", live: names("s", 10), associations: [{ name: "a", serverIds: names("s", 64) }] }), undefined);
    assert.match(
      checkServersPerPolicy({ policyLabel: "p", live: names("x", 1), associations: [{ name: "a", serverIds: names("s", 64) }] }) ?? "",
      /1 already associated outside this deployment/,
    );
  });

  it("finds a server already in another live policy, naming it", () => {
    const conflicts = findServerConflicts({
      association: { name: "web", policyId: "p1", serverIds: ["s1", "s2"] },
      others: [],
      livePolicies: [{ id: "p2", name: "nightly", serverIds: ["s2"] }, { id: "p1", name: "daily", serverIds: ["s1"] }],
    });
    assert.equal(conflicts.length, 1);
    assert.equal(conflicts[0]?.path, "serverIds[1]");
    assert.deepEqual(conflicts[0]?.otherPolicy, { id: "p2", name: "nightly" });
    assert.match(conflicts[0]?.message ?? "", /already in policy "nightly" \(id p2\).*set takeOver: true on "web"/);
  });

  it("names the first listed other policy when a server is in several, and never the association's own", () => {
    const conflicts = findServerConflicts({
      association: { name: "web", policyId: "p1", serverIds: ["s1", "s2", "s3"] },
      others: [],
      livePolicies: [
        { id: "p1", name: "daily", serverIds: ["s1", "s2"] },
        { id: "p3", name: "weekly", serverIds: ["s2", "s3"] },
        { id: "p2", name: "nightly", serverIds: ["s3", "s2"] },
      ],
    });
    assert.deepEqual(
      conflicts.map((c) => [c.path, c.otherPolicy?.id]),
      [
        ["serverIds[1]", "p3"],
        ["serverIds[2]", "p3"],
      ],
    );
  });

  it("lets takeOver move servers from another live policy", () => {
    const conflicts = findServerConflicts({
      association: { name: "web", policyId: "p1", serverIds: ["s2"], takeOver: true },
      others: [],
      livePolicies: [{ id: "p2", name: "nightly", serverIds: ["s2"] }],
    });
    assert.deepEqual(conflicts, []);
  });

  it("finds a server claimed by another association of the deployment, even with takeOver", () => {
    const conflicts = findServerConflicts({
      association: { name: "web", policyId: "p1", serverIds: ["s1"], takeOver: true },
      others: [{ name: "db", policyId: "p2", serverIds: ["s1"] }],
      livePolicies: [],
    });
    assert.equal(conflicts[0]?.otherAssociation, "db");
    assert.match(conflicts[0]?.message ?? "", /association "db" of another policy also lists/);
  });

  it("lists each server's claims in declaration order, once per declaration, and with `among` only those servers", () => {
    const a = { name: "a", serverIds: ["s1", "s2", "s1"] };
    const b = { name: "b", serverIds: ["s2", "s3"] };
    const all = serverClaims([a, b]);
    assert.deepEqual([...all.keys()], ["s1", "s2", "s3"]);
    assert.deepEqual(all.get("s1"), [a]);
    assert.deepEqual(all.get("s2"), [a, b]);
    const some = serverClaims([a, b], new Set(["s2", "s9"]));
    assert.deepEqual([...some.entries()], [["s2", [a, b]]]);
  });
});
