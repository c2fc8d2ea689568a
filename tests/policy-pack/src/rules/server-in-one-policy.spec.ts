import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../../provider/domain";
import { serverInOnePolicy } from "../../../../policy-pack/src/rules/server-in-one-policy";
import { BACKUP_POLICY_TYPE, POLICY_ASSOCIATION_TYPE, runStackRule, stackResource } from "../rule-harness";

const policies = [stackResource(BACKUP_POLICY_TYPE, "daily", {}), stackResource(BACKUP_POLICY_TYPE, "weekly", {})];

describe("csbs-server-in-one-policy", () => {
  it("reports a server in two policies, and a server in two associations of one policy, each with its fix", async () => {
    const { violations } = await runStackRule(serverInOnePolicy, [
      ...policies,
      stackResource(POLICY_ASSOCIATION_TYPE, "a", { serverIds: ["s1", "s2"] }, "daily"),
      stackResource(POLICY_ASSOCIATION_TYPE, "b", { serverIds: ["s1"] }, "weekly"),
      stackResource(POLICY_ASSOCIATION_TYPE, "c", { serverIds: ["s2"] }, "daily"),
    ]);
    assert.deepEqual(violations, [
      'server "s1" is listed by association "a" (BackupPolicy "daily") and association "b" (BackupPolicy "weekly"): a server can be in only one backup policy; keep it in one policy and remove it from the other associations',
      'server "s2" is listed by association "a" (BackupPolicy "daily") and association "c" (BackupPolicy "daily"): a server can be in only one association of a policy; remove it from all but one of them',
    ]);
  });

  it("passes distinct servers; a policy id not known yet counts as a policy of its own, and unknown server lists are left to the update", async () => {
    assert.deepEqual(
      await runStackRule(serverInOnePolicy, [...policies, stackResource(POLICY_ASSOCIATION_TYPE, "a", { serverIds: ["s1"] }, "daily"), stackResource(POLICY_ASSOCIATION_TYPE, "b", { serverIds: ["s2"] }, "weekly")]),
      { violations: [] },
    );
    const unknown = await runStackRule(serverInOnePolicy, [
      ...policies,
      stackResource(POLICY_ASSOCIATION_TYPE, "a", { serverIds: ["s1"] }, "daily"),
      stackResource(POLICY_ASSOCIATION_TYPE, "b", { policyId: UNKNOWN, serverIds: ["s1", UNKNOWN] }),
    ]);
    assert.deepEqual(unknown.violations, [
      'server "s1" is listed by association "a" (BackupPolicy "daily") and association "b" (the policy of association "b"): a server can be in only one backup policy; keep it in one policy and remove it from the other associations',
    ]);
    assert.match(unknown.unknown ?? "", /^serverIds of association "b": not known until the update/);
  });
});
