import * as assert from "node:assert/strict";
import fc from "fast-check";
import { findServerConflicts, overfullPolicyViolations, policiesPerProjectViolations, sharedServerViolations, stackViolations } from "../../../provider/domain";
import type { StackAssociationDecl, StackPolicyDecl } from "../../../provider/domain";

const RUNS = { numRuns: 300 };

/** Associations over a small pool of servers, policies and projects, so that they overlap often. */
const associationsArb = fc
  .array(
    fc.record({
      policy: fc.constantFrom("p1", "p2", "p3"),
      project: fc.constantFrom("one", "two"),
      servers: fc.array(fc.constantFrom(...Array.from({ length: 10 }, (_, i) => `s${i}`)), { maxLength: 8 }),
    }),
    { maxLength: 8 },
  )
  .map((list): StackAssociationDecl[] =>
    list.map((a, i) => ({ key: `k${i}`, resourceName: `a${i}`, policyKey: a.policy, policyLabel: `policy ${a.policy}`, projectKey: a.project, serverIds: a.servers })),
  );

const policiesArb = fc
  .array(fc.constantFrom("one", "two"), { maxLength: 12 })
  .map((projects): StackPolicyDecl[] => projects.map((projectKey, i) => ({ key: `k${i}`, resourceName: `p${i}`, projectKey })));

function sharedPairs(associations: readonly StackAssociationDecl[]): Set<string> {
  const pairs = new Set<string>();
  for (const a of associations) {
    for (const b of associations) {
      if (a.key < b.key && a.projectKey === b.projectKey && a.serverIds.some((s) => b.serverIds.includes(s))) pairs.add(`${a.key}|${b.key}`);
    }
  }
  return pairs;
}

describe("stack rules (the whole stack at once)", () => {
  it("reports a server listed by three associations of two policies once, naming all three", () => {
    const associations: StackAssociationDecl[] = [
      { key: "1", resourceName: "a1", policyKey: "p1", policyLabel: 'BackupPolicy "p1"', projectKey: "x", serverIds: ["s1", "s2"] },
      { key: "2", resourceName: "a2", policyKey: "p2", policyLabel: 'BackupPolicy "p2"', projectKey: "x", serverIds: ["s2", "s1"] },
      { key: "3", resourceName: "a3", policyKey: "p1", policyLabel: 'BackupPolicy "p1"', projectKey: "x", serverIds: ["s2"] },
    ];
    const violations = sharedServerViolations(associations);
    assert.deepEqual(violations.map((v) => [v.rule, v.ruleName, v.involved, v.serverIds, v.subject]), [
      ["membership.serverInOtherAssociation", "csbs-server-in-one-policy", ["1", "2"], ["s1"], "2"],
      ["membership.serverInOtherAssociation", "csbs-server-in-one-policy", ["1", "2", "3"], ["s2"], "2"],
    ]);
    assert.equal(
      violations[1]?.message,
      'server "s2" is listed by association "a1" (BackupPolicy "p1"), association "a2" (BackupPolicy "p2") and association "a3" (BackupPolicy "p1"): ' +
        "a server can be in only one backup policy; keep it in one policy and remove it from the other associations",
    );
  });

  it("groups the servers two associations share into one violation and says so for one policy", () => {
    const ids = Array.from({ length: 7 }, (_, i) => `s${i}`);
    const [v] = sharedServerViolations([
      { key: "1", resourceName: "a", policyKey: "p", policyLabel: "policy p", projectKey: "x", serverIds: ids },
      { key: "2", resourceName: "b", policyKey: "p", policyLabel: "policy p", projectKey: "x", serverIds: ids },
    ]);
    assert.equal(
      v?.message,
      '7 servers ("s0", "s1", "s2", "s3", "s4" and 2 more) are listed by association "a" (policy p) and association "b" (policy p): ' +
        "a server can be in only one association of a policy; remove it from all but one of them",
    );
  });

  it("counts 33 policies of one project and none of another", () => {
    const policies = Array.from({ length: 33 }, (_, i): StackPolicyDecl => ({ key: `k${i}`, resourceName: `p${i}`, projectKey: i === 0 ? "other" : "main" }));
    assert.deepEqual(policiesPerProjectViolations(policies), []);
    const [v] = policiesPerProjectViolations([...policies, { key: "k33", resourceName: "p33", projectKey: "main" }]);
    assert.equal(v?.rule, "quota.policiesPerProject");
    assert.equal(v?.involved.length, 33);
    assert.match(v?.message ?? "", /^the stack declares 33 BackupPolicy resources in main: a project holds at most 32 backup policies; remove 1 \(for example "p33"\)/);
  });

  it("leaves the policy count out when no limit is known (Karbor's quota is the cloud's)", () => {
    const policies = Array.from({ length: 40 }, (_, i): StackPolicyDecl => ({ key: `k${i}`, resourceName: `p${i}`, projectKey: "main" }));
    assert.deepEqual(stackViolations({ policies, associations: [] }, {}), []);
    assert.equal(stackViolations({ policies, associations: [] }).length, 1);
  });

  it("property: a violation for exactly the pairs of associations of one project that share a server", () => {
    fc.assert(
      fc.property(associationsArb, (associations) => {
        const violations = sharedServerViolations(associations);
        const reported = new Set<string>();
        for (const v of violations) {
          for (const a of v.involved) for (const b of v.involved) if (a < b) reported.add(`${a}|${b}`);
          const holders = associations.filter((x) => v.involved.includes(x.key));
          for (const s of v.serverIds ?? []) assert.deepEqual(associations.filter((x) => x.serverIds.includes(s) && x.projectKey === holders[0]?.projectKey).map((x) => x.key), v.involved);
        }
        assert.deepEqual([...reported].sort(), [...sharedPairs(associations)].sort());
        const servers = violations.flatMap((v) => (v.serverIds ?? []).map((s) => `${associations.find((a) => a.key === v.involved[0])?.projectKey}/${s}`));
        assert.equal(new Set(servers).size, servers.length, "each server in one violation");
      }),
      RUNS,
    );
  });

  it("property: the stack rule and the provider's per-association rule find the same associations", () => {
    fc.assert(
      fc.property(associationsArb, (all) => {
        const associations = all.filter((a) => a.projectKey === "one");
        const claims = associations.map((a) => ({ name: a.key, policyId: a.policyKey, serverIds: a.serverIds }));
        const flaggedByCheck = associations
          .filter((a, i) => findServerConflicts({ association: claims[i] as (typeof claims)[number], others: claims, livePolicies: [] }).length > 0)
          .map((a) => a.key);
        const flaggedByStack = new Set(sharedServerViolations(associations).flatMap((v) => v.involved));
        assert.deepEqual(flaggedByCheck, associations.map((a) => a.key).filter((k) => flaggedByStack.has(k)));
      }),
      RUNS,
    );
  });

  it("property: a policy is over the limit exactly when its associations' distinct servers exceed it, naming all of them", () => {
    fc.assert(
      fc.property(associationsArb, fc.integer({ min: 1, max: 8 }), (associations, limit) => {
        const violations = overfullPolicyViolations(associations, limit);
        for (const project of ["one", "two"]) {
          for (const policy of ["p1", "p2", "p3"]) {
            const group = associations.filter((a) => a.projectKey === project && a.policyKey === policy);
            const distinct = new Set(group.flatMap((a) => a.serverIds)).size;
            const found = violations.filter((v) => group.length > 0 && v.involved.join() === group.map((a) => a.key).join());
            assert.equal(found.length, distinct > limit ? 1 : 0);
            if (distinct > limit) assert.match(found[0]?.message ?? "", new RegExp(`would hold ${distinct} servers`));
          }
        }
        assert.ok(violations.every((v) => v.rule === "membership.tooManyServers" && v.ruleName === "csbs-servers-per-policy"));
      }),
      RUNS,
    );
  });

  it("property: a project is over the limit exactly when the stack declares more policies in it", () => {
    fc.assert(
      fc.property(policiesArb, fc.integer({ min: 1, max: 8 }), (policies, limit) => {
        const violations = policiesPerProjectViolations(policies, limit);
        for (const project of ["one", "two"]) {
          const group = policies.filter((p) => p.projectKey === project);
          const found = violations.filter((v) => v.message.includes(` in ${project}:`));
          assert.equal(found.length, group.length > limit ? 1 : 0);
          if (found[0]) assert.deepEqual(found[0].involved, group.map((p) => p.key));
        }
      }),
      RUNS,
    );
  });
});
