import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { startTestCloud, type TestCloud } from "../support/cloud";
import { REPO_ROOT, type EngineStack } from "../support/engine";
import { policies, policyNamed, policyServerIds, serverIds } from "./cloud-api";
import { exampleProject, exampleStack } from "./example-stack";
import { patternRuns } from "./pattern-runs";

describe("examples/quickstart", function () {
  this.timeout(300_000);
  let cloud: TestCloud;
  let stack: EngineStack;
  let servers: string[];

  before(async () => {
    cloud = await startTestCloud();
    servers = await serverIds(cloud, ["web-000", "web-001"]);
    stack = await exampleStack("quickstart", cloud, servers);
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("is what the repository's root Pulumi.yaml runs, under the same project name", () => {
    const root = parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as { name: string; main: string; runtime: string };
    assert.equal(path.resolve(REPO_ROOT, root.main), path.join(REPO_ROOT, "examples", "quickstart"));
    assert.equal(root.name, exampleProject("quickstart"));
    assert.equal(root.runtime, "nodejs");
  });

  it("deploys one daily 02:00 UTC policy keeping 7 backups that holds both servers", async () => {
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    const outputs = await stack.outputs();
    const policy = await policyNamed(cloud, String(outputs.policyName));
    const operation = policy.scheduled_operations[0];
    assert.deepEqual(patternRuns(operation.trigger.properties.pattern), ["every 1 days 02:00"]);
    assert.equal(outputs.pattern, operation.trigger.properties.pattern);
    assert.equal(Number(operation.operation_definition.max_backups), 7);
    assert.deepEqual(policyServerIds(policy), [...servers].sort());
  });

  it("destroys the policy and the association", async () => {
    const destroy = await stack.destroy();
    assert.equal(destroy.code, 0, destroy.output);
    assert.deepEqual(await policies(cloud), []);
  });
});
