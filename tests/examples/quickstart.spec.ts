import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { REPO_ROOT } from "../support/engine";
import { policyServerIds, serverIds } from "./cloud-api";
import { exampleOnCloud, itDestroysEverything, upAndReadPolicy } from "./example-on-cloud";
import { exampleProject } from "./example-stack";
import { patternRuns } from "./pattern-runs";

describe("examples/quickstart", function () {
  this.timeout(300_000);
  const ctx = exampleOnCloud("quickstart", (cloud) => serverIds(cloud, ["web-000", "web-001"]));

  it("is what the repository's root Pulumi.yaml runs, under the same project name", () => {
    const root = parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as { name: string; main: string; runtime: string };
    assert.equal(path.resolve(REPO_ROOT, root.main), path.join(REPO_ROOT, "examples", "quickstart"));
    assert.equal(root.name, exampleProject("quickstart"));
    assert.equal(root.runtime, "nodejs");
  });

  it("deploys one daily 02:00 UTC policy keeping 7 backups that holds both servers", async () => {
    const { policy, outputs } = await upAndReadPolicy(ctx);
    const operation = policy.scheduled_operations[0];
    assert.deepEqual(patternRuns(operation.trigger.properties.pattern), ["every 1 days 02:00"]);
    assert.equal(outputs.pattern, operation.trigger.properties.pattern);
    assert.equal(Number(operation.operation_definition.max_backups), 7);
    assert.deepEqual(policyServerIds(policy), [...ctx.servers].sort());
  });

  itDestroysEverything(ctx);
});
