/** Properties of the live policy rules (examples are in live-rules.spec.ts): pure functions of their snapshot. */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { validatePolicyInputs } from "../../../provider/domain/policy-inputs";
import { createsPolicy, policyRuleFailures } from "../../../provider/hooks/policy-rules";
import type { PolicyEntry } from "../../../provider/runtime/deployment-registry";
import { deepFreeze, livePolicy, uuid } from "./rule-support";

const NOW = new Date("2026-01-15T12:00:00Z");

function inputs(name: string) {
  const v = validatePolicyInputs({ name, schedule: { times: ["02:00"] }, retention: { maxBackups: 7 } }, NOW);
  assert.ok(v.inputs);
  return v.inputs;
}

describe("the live policy rules as properties", () => {
  it("fail the quota exactly when the policies outside the stack plus this deployment's exceed it", () => {
    fc.assert(
      fc.property(fc.nat({ max: 40 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 40 }), (outside, declared, quota) => {
        const live = Array.from({ length: outside }, (_, i) => livePolicy(uuid(i), `outside-${i}`));
        const policies: PolicyEntry[] = Array.from({ length: declared }, (_, i) => ({ resourceName: `r${i}`, policyName: `new-${i}`, creates: true }));
        const entry = policies[declared - 1]!;
        const failures = policyRuleFailures(
          deepFreeze({ entry, inputs: inputs(entry.policyName!), autoNamed: false, live, quota, deployment: { policies, associations: [] } }),
        );
        assert.equal(failures.some((f) => f.rule === "quota.policiesPerProject"), outside + declared > quota);
        assert.ok(failures.every((f) => (f.rule === "quota.policiesPerProject" ? f.path === "" : f.path === "name")));
      }),
      { numRuns: 200 },
    );
  });

  it("count one Karbor plan per ServerBackup the deployment creates", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 16 }), (outside, backups, quota) => {
        const live = Array.from({ length: outside }, (_, i) => livePolicy(uuid(i), `outside-${i}`));
        const entry: PolicyEntry = { resourceName: "daily", policyName: "daily", creates: true };
        const serverBackups = Array.from({ length: backups }, (_, i) => ({ resourceName: `before-${i}` }));
        const failures = policyRuleFailures(
          deepFreeze({ entry, inputs: inputs("daily"), autoNamed: false, live, quota, deployment: { policies: [entry], associations: [], serverBackups } }),
        );
        assert.equal(failures.some((f) => f.rule === "quota.policiesPerProject"), outside + 1 + backups > quota);
      }),
      { numRuns: 200 },
    );
  });

  it("never count a live policy of the deployment twice, whatever else the project holds", () => {
    fc.assert(
      fc.property(fc.nat({ max: 31 }), (outside) => {
        const live = [...Array.from({ length: outside }, (_, i) => livePolicy(uuid(i), `outside-${i}`)), livePolicy(uuid(99), "kept")];
        const kept: PolicyEntry = { resourceName: "kept", policyName: "kept", oldPolicyName: "kept", creates: false };
        const fresh: PolicyEntry = { resourceName: "fresh", policyName: "fresh", creates: true };
        const failures = policyRuleFailures({
          entry: fresh,
          inputs: inputs("fresh"),
          autoNamed: false,
          live,
          quota: outside + 2,
          deployment: { policies: [kept, fresh], associations: [] },
        });
        assert.deepEqual(failures, []);
      }),
    );
  });

  it("give the same answer for the same snapshot and never change it", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<string>("a", "b", "c"), { maxLength: 4 }), fc.constantFrom<string>("a", "b", "d"), (liveNames, name) => {
        const args = deepFreeze({
          entry: { resourceName: "r", policyName: name, creates: true },
          inputs: inputs(name),
          autoNamed: false,
          live: liveNames.map((n, i) => livePolicy(uuid(i), n)),
          quota: 32,
          deployment: { policies: [{ resourceName: "r", policyName: name, creates: true }], associations: [] },
        });
        const first = policyRuleFailures(args);
        assert.deepEqual(policyRuleFailures(args), first);
        assert.equal(first.some((f) => f.rule === "policy.nameTaken"), liveNames.includes(name));
      }),
    );
  });

  it("need the quota exactly for a create or a rename to a free name, and refuse to judge such a one without it", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom<string>("kept", "taken", "free"), (creates, name) => {
        const live = [livePolicy(uuid(1), "kept"), livePolicy(uuid(2), "taken")];
        const entry: PolicyEntry = creates ? { resourceName: "r", policyName: name, creates } : { resourceName: "r", policyName: name, oldPolicyName: "kept", creates };
        const needed = createsPolicy(entry, name, live);
        assert.equal(needed, creates || name === "free");
        const args = { entry, inputs: inputs(name), autoNamed: false, live, deployment: { policies: [entry], associations: [] } };
        if (needed) assert.throws(() => policyRuleFailures(args), /the quota is needed/);
        else assert.doesNotThrow(() => policyRuleFailures(args));
      }),
    );
  });
});
