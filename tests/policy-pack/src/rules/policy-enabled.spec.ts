import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../../provider/domain";
import { policyEnabled } from "../../../../policy-pack/src/rules/policy-enabled";
import { POLICY_ASSOCIATION_TYPE, runResourceRule } from "../rule-harness";

describe("csbs-policy-enabled", () => {
  it("reports a disabled policy by resource and cloud name, saying how to allow it", async () => {
    const { violations } = await runResourceRule(policyEnabled, { name: "nightly", props: { name: "nightly-1a2b", enabled: false } });
    assert.equal(violations.length, 1);
    assert.match(violations[0], /^BackupPolicy "nightly" \(name "nightly-1a2b"\) has enabled: false, so no scheduled backups run: set enabled: true, or add "nightly-1a2b" to "allow"/);
  });

  it("lets a policy named in allow (by either name) be off, and passes an enabled one or one left at its default", async () => {
    assert.deepEqual(await runResourceRule(policyEnabled, { name: "lab", props: { enabled: false } }, { allow: ["lab"] }), { violations: [] });
    assert.deepEqual(await runResourceRule(policyEnabled, { name: "x", props: { name: "lab-1", enabled: false } }, { allow: ["lab-1"] }), { violations: [] });
    assert.deepEqual(await runResourceRule(policyEnabled, { name: "x", props: { enabled: true } }), { violations: [] });
    assert.deepEqual(await runResourceRule(policyEnabled, { name: "x", props: {} }), { violations: [] });
  });

  it("says it cannot tell yet when enabled is unknown, and ignores resources that are not backup policies", async () => {
    const unknown = await runResourceRule(policyEnabled, { name: "x", props: { enabled: UNKNOWN } });
    assert.deepEqual(unknown.violations, []);
    assert.match(unknown.unknown ?? "", /^enabled of BackupPolicy "x": not known until the update/);
    assert.deepEqual(await runResourceRule(policyEnabled, { type: POLICY_ASSOCIATION_TYPE, name: "a", props: { enabled: false } }), { violations: [] });
  });
});
