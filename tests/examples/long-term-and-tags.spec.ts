import * as assert from "node:assert/strict";
import { policyServerIds, serverIds } from "./cloud-api";
import { exampleOnCloud, itDestroysEverything, upAndReadPolicy } from "./example-on-cloud";
import { patternRuns } from "./pattern-runs";

describe("examples/long-term-and-tags", function () {
  this.timeout(300_000);
  // The example selects its servers by tag: it takes no server list.
  const ctx = exampleOnCloud("long-term-and-tags", async () => []);

  it("deploys a nightly 01:00 Paris policy keeping 14 plus the long-term counts, on the 3 servers tagged web, prod, tier=frontend", async () => {
    const { policy, outputs } = await upAndReadPolicy(ctx);
    const tagged = (await serverIds(ctx.cloud, ["web-000", "web-001", "web-002"])).sort();
    assert.deepEqual(policyServerIds(policy), tagged);
    assert.deepEqual(outputs.serverIds, tagged);
    const operation = policy.scheduled_operations[0];
    assert.equal(Number(operation.operation_definition.max_backups), 14);
    // The API never shows the long-term counts; the zone they were sent with is the schedule's offset now.
    assert.equal(operation.operation_definition.day_backups, undefined);
    assert.match(String(outputs.longTermZone), /^UTC\+0[12]:00$/);
    const utcHour = outputs.longTermZone === "UTC+01:00" ? "00:00" : "23:00";
    assert.deepEqual(patternRuns(operation.trigger.properties.pattern), [`every 1 days ${utcHour}`]);
  });

  itDestroysEverything(ctx);
});
