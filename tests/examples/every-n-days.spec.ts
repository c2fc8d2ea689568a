import * as assert from "node:assert/strict";
import { policyServerIds, serverIds } from "./cloud-api";
import { exampleOnCloud, itDestroysEverything, upAndReadPolicy } from "./example-on-cloud";
import { patternRuns } from "./pattern-runs";

describe("examples/every-n-days", function () {
  this.timeout(300_000);
  // The stopped database servers: Stopped servers can be protected as well as Running ones.
  const ctx = exampleOnCloud("every-n-days", (cloud) => serverIds(cloud, ["db-0", "db-1"]));

  it("deploys a run every 3 days at 01:30 with backups kept for 30 days and no count limit", async () => {
    const { policy } = await upAndReadPolicy(ctx);
    const operation = policy.scheduled_operations[0];
    assert.deepEqual(patternRuns(operation.trigger.properties.pattern), ["every 3 days 01:30"]);
    assert.equal(Number(operation.operation_definition.retention_duration_days), 30);
    assert.equal(Number(operation.operation_definition.max_backups), -1);
    assert.deepEqual(policyServerIds(policy), [...ctx.servers].sort());
  });

  itDestroysEverything(ctx);
});
