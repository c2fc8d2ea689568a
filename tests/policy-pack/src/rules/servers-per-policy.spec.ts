import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../../provider/domain";
import { serversPerPolicy } from "../../../../policy-pack/src/rules/servers-per-policy";
import { BACKUP_POLICY_TYPE, POLICY_ASSOCIATION_TYPE, runStackRule, stackResource } from "../rule-harness";

const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => `s-${from + i}`);

describe("csbs-servers-per-policy", () => {
  it("adds up the associations of one policy and reports more than 64 servers", async () => {
    const stack = [
      stackResource(BACKUP_POLICY_TYPE, "daily", { name: "daily" }),
      stackResource(POLICY_ASSOCIATION_TYPE, "a", { policyId: UNKNOWN, serverIds: ids(0, 40) }, "daily"),
      stackResource(POLICY_ASSOCIATION_TYPE, "b", { policyId: UNKNOWN, serverIds: ids(40, 30) }, "daily"),
    ];
    const { violations } = await runStackRule(serversPerPolicy, stack);
    assert.equal(violations.length, 1);
    assert.match(violations[0], /BackupPolicy "daily"/);
    assert.match(violations[0], /70/);
  });

  it("passes 64 servers split over policies, and says it cannot tell when a list is unknown", async () => {
    const split = [
      stackResource(BACKUP_POLICY_TYPE, "one", {}),
      stackResource(BACKUP_POLICY_TYPE, "two", {}),
      stackResource(POLICY_ASSOCIATION_TYPE, "a", { serverIds: ids(0, 64) }, "one"),
      stackResource(POLICY_ASSOCIATION_TYPE, "b", { serverIds: ids(64, 64) }, "two"),
    ];
    assert.deepEqual(await runStackRule(serversPerPolicy, split), { violations: [] });
    const unknown = await runStackRule(serversPerPolicy, [stackResource(POLICY_ASSOCIATION_TYPE, "a", { policyId: "p1", serverIds: UNKNOWN })]);
    assert.deepEqual(unknown.violations, []);
    assert.match(unknown.unknown ?? "", /^how many servers policy id p1 holds \(some serverIds are unknown\)/);
  });
});
