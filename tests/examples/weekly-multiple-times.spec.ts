import * as assert from "node:assert/strict";
import { startTestCloud, type TestCloud } from "../support/cloud";
import type { EngineStack } from "../support/engine";
import { policies, policyNamed, policyServerIds, serverIds } from "./cloud-api";
import { exampleStack } from "./example-stack";
import { patternRuns } from "./pattern-runs";

describe("examples/weekly-multiple-times", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let stack: EngineStack;
  let servers: string[];

  before(async () => {
    cloud = await startTestCloud();
    servers = await serverIds(cloud, ["web-010", "web-011", "web-012"]);
    stack = await exampleStack("weekly-multiple-times", cloud, servers);
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("deploys working-day runs at 06:00, 12:00 and 19:30 Singapore time as UTC runs, 06:00 moving to the day before", async () => {
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    const policy = await policyNamed(cloud, String((await stack.outputs()).policyName));
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
    assert.deepEqual(
      Object.fromEntries((policy.tags ?? []).map((t) => [t.key, t.value])),
      { team: "finance", tier: "app" },
    );
    assert.deepEqual(policyServerIds(policy), [...servers].sort());
  });

  it("destroys the policy and the association", async () => {
    const destroy = await stack.destroy();
    assert.equal(destroy.code, 0, destroy.output);
    assert.deepEqual(await policies(cloud), []);
  });
});
