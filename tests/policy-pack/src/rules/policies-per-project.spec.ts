import * as assert from "node:assert/strict";
import { policiesPerProject } from "../../../../policy-pack/src/rules/policies-per-project";
import { BACKUP_POLICY_TYPE, runStackRule, stackResource } from "../rule-harness";

const policies = (n: number) => Array.from({ length: n }, (_, i) => stackResource(BACKUP_POLICY_TYPE, `p-${i + 1}`, { name: `p-${i + 1}` }));

describe("csbs-policies-per-project", () => {
  it("passes 32 policies and reports a 33rd and 34th, naming some and blaming the first one over", async () => {
    assert.deepEqual(await runStackRule(policiesPerProject, policies(32)), { violations: [] });
    const over = await runStackRule(policiesPerProject, policies(34));
    assert.deepEqual(over.violations, [
      "the stack declares 34 BackupPolicy resources in the stack's project: a project holds at most 32 backup policies; " +
        'remove 2 (for example "p-33", "p-34") or move them to a stack of another project',
    ]);
  });
});
