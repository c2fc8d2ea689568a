import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../provider/domain";
import { readStack, STACK_PROJECT } from "../../../policy-pack/src/stack-model";
import { BACKUP_POLICY_TYPE, POLICY_ASSOCIATION_TYPE, stackResource, urnOf } from "./rule-harness";

describe("the stack as the stack rules see it", () => {
  it("reads policies and groups associations by the policy their policyId depends on, else the literal id", () => {
    const model = readStack([
      stackResource(POLICY_ASSOCIATION_TYPE, "web-10", { policyId: UNKNOWN, serverIds: ["s1", UNKNOWN, 7] }, "daily"),
      stackResource(POLICY_ASSOCIATION_TYPE, "web-9", { policyId: "p-1", serverIds: ["s2"] }),
      stackResource(POLICY_ASSOCIATION_TYPE, "orphan", { policyId: UNKNOWN }),
      stackResource(BACKUP_POLICY_TYPE, "daily", { name: "daily-1a2b" }),
      stackResource("aws:s3/bucket:Bucket", "other", {}),
    ]);
    assert.deepEqual(model.policies.map((p) => [p.resourceName, p.name, p.projectKey]), [["daily", "daily-1a2b", STACK_PROJECT]]);
    assert.deepEqual(
      model.associations.map((a) => [a.resourceName, a.policyKey, a.policyLabel, a.serverIds, a.serversUnknown]),
      [
        ["orphan", `unknown:${urnOf(POLICY_ASSOCIATION_TYPE, "orphan")}`, 'the policy of association "orphan"', [], true],
        ["web-9", "id:p-1", "policy id p-1", ["s2"], false],
        ["web-10", urnOf(BACKUP_POLICY_TYPE, "daily"), 'BackupPolicy "daily" (name "daily-1a2b")', ["s1"], true],
      ],
    );
  });
});
