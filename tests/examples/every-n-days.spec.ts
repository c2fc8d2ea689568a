import * as assert from "node:assert/strict";
import { startTestCloud, type TestCloud } from "../support/cloud";
import type { EngineStack } from "../support/engine";
import { policies, policyNamed, policyServerIds, serverIds } from "./cloud-api";
import { exampleStack } from "./example-stack";
import { patternRuns } from "./pattern-runs";

describe("examples/every-n-days", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let stack: EngineStack;
  let servers: string[];

  before(async () => {
    cloud = await startTestCloud();
    // The stopped database servers: Stopped servers can be protected as well as Running ones.
    servers = await serverIds(cloud, ["db-0", "db-1"]);
    stack = await exampleStack("every-n-days", cloud, servers);
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("deploys a run every 3 days at 01:30 with backups kept for 30 days and no count limit", async () => {
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    const policy = await policyNamed(cloud, String((await stack.outputs()).policyName));
    const operation = policy.scheduled_operations[0];
    assert.deepEqual(patternRuns(operation.trigger.properties.pattern), ["every 3 days 01:30"]);
    assert.equal(Number(operation.operation_definition.retention_duration_days), 30);
    assert.equal(Number(operation.operation_definition.max_backups), -1);
    assert.deepEqual(policyServerIds(policy), [...servers].sort());
  });

  it("destroys the policy and the association", async () => {
    const destroy = await stack.destroy();
    assert.equal(destroy.code, 0, destroy.output);
    assert.deepEqual(await policies(cloud), []);
  });
});
