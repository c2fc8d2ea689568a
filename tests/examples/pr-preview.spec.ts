import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { policies, serverIds } from "./cloud-api";
import { exampleOnCloud, itDestroysEverything, upAndReadPolicy } from "./example-on-cloud";
import { EXAMPLES_DIR, osEnv } from "./example-stack";
import { patternRuns } from "./pattern-runs";
import { readPreview } from "../../digest/preview-record";
import { renderComment } from "../../digest/render-comment";
import { installedPackDir } from "../policy-pack/pack-support";

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

    it("runs pulumi preview with the installed policy pack and the example's policy config on pull requests", () => {
      assert.ok("pull_request" in workflow.on);
      const preview = steps.find((s) => s.run?.includes("pulumi preview --json"));
      assert.ok(preview, "no step runs `pulumi preview --json`");
      assert.match(preview.run ?? "", /--policy-pack node_modules\/pulumi-csbs\/policy-pack --policy-pack-config policy-config\.json/);
      assert.equal((preview as WorkflowStep & { env?: Record<string, string> }).env?.PULUMI_ENABLE_STREAMING_JSON_PREVIEW, "true");
    });

    it("posts the digest as the pull-request comment, with write permission on pull requests only", () => {
      assert.equal(workflow.permissions["pull-requests"], "write");
      assert.equal(workflow.permissions.contents, "read");
      const digest = steps.find((s) => s.run?.includes("csbs-preview-digest --log-url"));
      assert.match(digest?.run ?? "", /> comment\.md/);
      const poster = steps.find((s) => s.uses?.startsWith("actions/github-script@"));
      assert.ok(poster?.with?.script.includes("createComment"), "no step creates a comment");
      assert.ok(poster?.with?.script.includes("comment.md"), "the comment does not carry the digest");
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
    // CI has OS_* variables from secrets and no csbs:* credentials; a read-only user is enough to preview.
    const ctx = exampleOnCloud("pr-preview", (cloud) => serverIds(cloud, ["web-020", "web-021"]), { credentialsFromEnv: true, user: "demo-reader" });

    it("previews the policy and the association to create, as a reader with OS_* credentials", async () => {
      const preview = await ctx.stack.preview();
      assert.equal(preview.code, 0, preview.output);
      assert.match(preview.output, /\+ pulumi-nodejs:dynamic\/csbs:BackupPolicy/);
      assert.match(preview.output, /\+ pulumi-nodejs:dynamic\/csbs:PolicyAssociation/);
      assert.deepEqual(await policies(ctx.cloud), [], "a preview must not write to the cloud");
    });

    it("runs the workflow's preview with the pack and its policy config, and the digest leads with the counts", async () => {
      const preview = await ctx.stack.cli(
        ["preview", "--json", "--policy-pack", await installedPackDir(), "--policy-pack-config", path.join(dir, "policy-config.json")],
        { env: { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" } },
      );
      assert.equal(preview.code, 0, preview.stderr);
      const comment = renderComment([{ stack: "prod", record: readPreview(preview.stdout) }]);
      const lines = comment.split("\n");
      assert.equal(lines[1], "### pulumi preview passes");
      assert.equal(lines[5], "| prod | 3 | 0 | 0 | 0 | none |");
      assert.match(comment, /\| prod \| production \| 2 \|/);
    });

    it("applies with a member's OS_* credentials", async () => {
      ctx.stack.setEnv(osEnv(ctx.cloud, "demo"));
      const { policy } = await upAndReadPolicy(ctx);
      assert.deepEqual(patternRuns(policy.scheduled_operations[0].trigger.properties.pattern), [
        "MO 01:00", "MO 13:00", "WE 01:00", "WE 13:00", "FR 01:00", "FR 13:00",
      ]);
      assert.equal(policy.resources.length, 2);
    });

    itDestroysEverything(ctx, "destroys with the member's OS_* credentials");
  });
});
