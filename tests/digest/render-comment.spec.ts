import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { addBenchProject, stackConfig, startBenchCloud } from "../../bench/bench-cloud";
import { benchSpec, CSBS_PROGRAM, programFiles } from "../../bench/programs";
import { FULL_SCALE } from "../../bench/scale";
import * as fc from "fast-check";
import { readPreview, type PreviewRecord } from "../../digest/preview-record";
import { COMMENT_MARKER, GITHUB_COMMENT_LIMIT, renderComment } from "../../digest/render-comment";
import type { LocalCloud } from "../../localcloud";
import { EngineStack, REPO_ROOT } from "../support/engine";
import { installedPackDir } from "../policy-pack/pack-support";
import { setConfig } from "../examples/example-stack";

/**
 * The digest of a recorded `pulumi preview --json` (streamed events) of the benchmark's full-scale stack,
 * 32 policies of 64 servers, recorded with the real engine, provider and policy pack against the local cloud.
 */
describe("the pull-request digest of a large stack", function () {
  this.timeout(600_000);
  let cloud: LocalCloud;
  let stack: EngineStack;
  let recording: string;
  const LOG = "https://github.com/acme/infra/actions/runs/42";

  before(async () => {
    cloud = await startBenchCloud();
    const project = await addBenchProject(cloud, "digest", FULL_SCALE.policies * FULL_SCALE.serversPerPolicy);
    stack = await EngineStack.create({ project: "digest-large", stack: "prod", files: programFiles(CSBS_PROGRAM, benchSpec(FULL_SCALE, project.serverIds)) });
    const { config, secrets } = stackConfig(cloud, project);
    await setConfig(stack, config, secrets);
    const packConfig = path.join(stack.dir, "policy-config.json");
    // An advisory organisation rule every policy breaks: 32 violations to lead the digest.
    fs.writeFileSync(packConfig, JSON.stringify({ "csbs-required-tags": { enforcementLevel: "advisory", keys: ["team"] } }));
    const preview = await stack.cli(["preview", "--json", "--policy-pack", await installedPackDir(), "--policy-pack-config", packConfig], {
      env: { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" },
    });
    assert.equal(preview.code, 0, preview.stderr);
    recording = path.join(stack.dir, "preview.jsonl");
    fs.writeFileSync(recording, preview.stdout);
  });
  after(async () => {
    stack?.dispose();
    await cloud?.close();
  });

  it("starts with the marker and the counts per stack, and fits GitHub's comment size", () => {
    const comment = renderComment([{ stack: "prod", record: readPreview(fs.readFileSync(recording, "utf8")) }], { logUrl: LOG });
    assert.ok(comment.length <= GITHUB_COMMENT_LIMIT, `${comment.length} characters`);
    const lines = comment.split("\n");
    assert.equal(lines[0], COMMENT_MARKER);
    assert.equal(lines[1], "### pulumi preview passes");
    assert.equal(lines[3], "| stack | creates | updates | replaces | deletes | policy violations |");
    // 32 policies, 32 associations and the stack itself.
    assert.equal(lines[5], "| prod | 65 | 0 | 0 | 0 | 0 mandatory, 32 advisory |");
  });

  it("lists every violation on one line before the server counts, and 64 servers for each of the 32 policies", () => {
    const comment = renderComment([{ stack: "prod", record: readPreview(fs.readFileSync(recording, "utf8")) }], { logUrl: LOG });
    const violations = comment.split("\n").filter((l) => l.startsWith("- ⚠️ prod `csbs-required-tags` fleet-"));
    assert.equal(violations.length, 32);
    assert.match(violations[0] ?? "", /has tags \{\} without "team": every backup policy must carry the tag keys "team"; add tags: \{ team: "…" \}$/);
    const counts = comment.split("\n").filter((l) => /^\| prod \| fleet-\d\d \| 64 \|$/.test(l));
    assert.equal(counts.length, 32);
    assert.ok(comment.indexOf("csbs-required-tags") < comment.indexOf("Servers per policy"));
    assert.ok(comment.indexOf("Servers per policy") < comment.indexOf("<details><summary>Full diff"));
  });

  it("cuts the folded full diff with a note naming where the full log is", () => {
    const comment = renderComment([{ stack: "prod", record: readPreview(fs.readFileSync(recording, "utf8")) }], { logUrl: LOG });
    assert.match(comment, /<details><summary>Full diff \(\d+ lines\)<\/summary>/);
    assert.match(comment, new RegExp(`… \\d+ more lines cut to keep this comment under GitHub's 65536 characters; the full preview is in the workflow log: ${LOG}\\n?$`));
    assert.match(comment, /\+ create pulumi-nodejs:dynamic\/csbs:BackupPolicy fleet-\d\d/);
  });

  it("prints the same comment from the csbs-preview-digest command the workflow runs", () => {
    const cli = path.join(REPO_ROOT, "dist", "digest", "cli.js");
    const out = execFileSync("node", [cli, "--log-url", LOG, `prod=${recording}`], { encoding: "utf8", maxBuffer: 8 * 1024 * 1024 });
    const comment = renderComment([{ stack: "prod", record: readPreview(fs.readFileSync(recording, "utf8")) }], { logUrl: LOG });
    assert.equal(out, comment);
  });
});

describe("renderComment on any preview", () => {
  const violation = fc.record({
    policyName: fc.constantFrom("csbs-required-tags", "csbs-run-window", "csbs-servers-per-policy"),
    enforcementLevel: fc.constantFrom("mandatory", "advisory"),
    message: fc.string({ minLength: 1, maxLength: 400 }),
  });
  const step = fc.record({
    op: fc.constantFrom("create", "update", "delete", "replace", "same"),
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
    inputs: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
  });
  const record = fc.record({ steps: fc.array(step, { maxLength: 300 }), violations: fc.array(violation, { maxLength: 300 }) }).map(
    ({ steps, violations }): PreviewRecord => ({
      steps: steps.map((s) => ({
        ...s,
        urn: `urn:pulumi:prod::p::pulumi-nodejs:dynamic/csbs:BackupPolicy::${s.name}`,
        type: "pulumi-nodejs:dynamic/csbs:BackupPolicy",
        oldInputs: s.inputs,
        diffs: Object.keys(s.inputs),
        propertyDependencies: {},
      })),
      violations,
      changes: { create: steps.filter((s) => s.op === "create").length },
      errors: [],
    }),
  );

  it("never exceeds the size it is given, and always starts with the marker and the counts", () => {
    fc.assert(
      fc.property(record, fc.integer({ min: 3000, max: 70000 }), (r, maxChars) => {
        const comment = renderComment([{ stack: "prod", record: r }], { maxChars, logUrl: "https://example.com/run/1" });
        assert.ok(comment.length <= maxChars, `${comment.length} > ${maxChars}`);
        const lines = comment.split("\n");
        assert.equal(lines[0], COMMENT_MARKER);
        assert.match(lines[5] ?? "", new RegExp(`^\\| prod \\| ${r.changes.create} \\| 0 \\| 0 \\| 0 \\| `));
      }),
      { numRuns: 200 },
    );
  });
});
