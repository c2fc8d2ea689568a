import * as assert from "node:assert/strict";
import { policyServerIds, serverIds } from "./cloud-api";
import { exampleOnCloud, itDestroysEverything, upAndReadPolicy, userTags } from "./example-on-cloud";
import { patternRuns } from "./pattern-runs";

describe("examples/weekly-multiple-times", function () {
  this.timeout(300_000);
  const ctx = exampleOnCloud("weekly-multiple-times", (cloud) => serverIds(cloud, ["web-010", "web-011", "web-012"]));

  it("deploys working-day runs at 06:00, 12:00 and 19:30 Singapore time as UTC runs, 06:00 moving to the day before", async () => {
    const { policy } = await upAndReadPolicy(ctx);
    const operation = policy.scheduled_operations[0];
    // Asia/Singapore is UTC+8 all year: 06:00 → 22:00 the day before, 12:00 → 04:00, 19:30 → 11:30.
    assert.deepEqual(patternRuns(operation.trigger.properties.pattern), [
      "MO 04:00", "MO 11:30", "MO 22:00",
      "TU 04:00", "TU 11:30", "TU 22:00",
      "WE 04:00", "WE 11:30", "WE 22:00",
      "TH 04:00", "TH 11:30", "TH 22:00",
      "FR 04:00", "FR 11:30",
      "SU 22:00",
    ]);
    assert.equal(Number(operation.operation_definition.max_backups), 30);
    assert.deepEqual(userTags(policy), { team: "finance", tier: "app" });
    assert.deepEqual(policyServerIds(policy), [...ctx.servers].sort());
  });

  itDestroysEverything(ctx);
});
