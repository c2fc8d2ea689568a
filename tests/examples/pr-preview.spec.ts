import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { startTestCloud, type TestCloud } from "../support/cloud";
import type { EngineStack } from "../support/engine";
import { policies, policyNamed, serverIds } from "./cloud-api";
import { EXAMPLES_DIR, exampleStack, osEnv } from "./example-stack";
import { patternRuns } from "./pattern-runs";

interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, { steps: WorkflowStep[] }>;
}

const dir = path.join(EXAMPLES_DIR, "pr-preview");

describe("examples/pr-preview", function () {
  this.timeout(300_000);

  describe("the workflow", () => {
    const workflow = parse(fs.readFileSync(path.join(dir, ".github", "workflows", "preview.yml"), "utf8")) as Workflow;
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

    it("runs pulumi preview --diff on pull requests", () => {
      assert.ok("pull_request" in workflow.on);
      assert.ok(steps.some((s) => s.run?.includes("pulumi preview --diff")), "no step runs `pulumi preview --diff`");
    });

    it("posts the preview as a pull-request comment, with write permission on pull requests only", () => {
      assert.equal(workflow.permissions["pull-requests"], "write");
      assert.equal(workflow.permissions.contents, "read");
      const poster = steps.find((s) => s.uses?.startsWith("actions/github-script@"));
      assert.ok(poster?.with?.script.includes("createComment"), "no step creates a comment");
      assert.ok(poster?.with?.script.includes("preview.txt"), "the comment does not carry the preview output");
    });

    it("takes the OpenStack credentials and the state passphrase from repository secrets", () => {
      for (const name of ["OS_AUTH_URL", "OS_USERNAME", "OS_PASSWORD", "OS_PROJECT_NAME", "PULUMI_CONFIG_PASSPHRASE"]) {
        assert.match(workflow.env[name] ?? "", new RegExp(`^\\$\\{\\{ secrets\\.${name} \\}\\}$`), name);
      }
    });

    it("keeps credentials out of the committed stack config", () => {
      const stackConfig = parse(fs.readFileSync(path.join(dir, "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, unknown> };
      const keys = Object.keys(stackConfig.config);
      assert.ok(keys.includes("csbs-pr-preview:serverIds"), keys.join(", "));
      assert.deepEqual(keys.filter((k) => /password|token|secret|applicationCredential/i.test(k)), []);
    });
  });

  describe("the program, driven the way the workflow drives it", () => {
    let cloud: TestCloud;
    let stack: EngineStack;
    let servers: string[];

    before(async () => {
      cloud = await startTestCloud();
      servers = await serverIds(cloud, ["web-020", "web-021"]);
      // CI has OS_* variables from secrets and no csbs:* credentials; a read-only user is enough to preview.
      stack = await exampleStack("pr-preview", cloud, servers, { credentialsFromEnv: true, user: "demo-reader" });
    });
    after(async () => {
      stack?.dispose();
      await cloud?.close();
    });

    it("previews the policy and the association to create, as a reader with OS_* credentials", async () => {
      const preview = await stack.preview();
      assert.equal(preview.code, 0, preview.output);
      assert.match(preview.output, /\+ pulumi-nodejs:dynamic\/csbs:BackupPolicy/);
      assert.match(preview.output, /\+ pulumi-nodejs:dynamic\/csbs:PolicyAssociation/);
      assert.deepEqual(await policies(cloud), [], "a preview must not write to the cloud");
    });

    it("applies with a member's OS_* credentials, then destroys", async () => {
      stack.setEnv(osEnv(cloud, "demo"));
      const up = await stack.up();
      assert.equal(up.code, 0, up.output);
      const policy = await policyNamed(cloud, String((await stack.outputs()).policyName));
      assert.deepEqual(patternRuns(policy.scheduled_operations[0].trigger.properties.pattern), [
        "MO 01:00", "MO 13:00", "WE 01:00", "WE 13:00", "FR 01:00", "FR 13:00",
      ]);
      assert.equal(policy.resources.length, 2);
      const destroy = await stack.destroy();
      assert.equal(destroy.code, 0, destroy.output);
      assert.deepEqual(await policies(cloud), []);
    });
  });
});
