import * as assert from "node:assert/strict";
import { cloudPerSuite } from "../../localcloud/cloud-per-suite";
import { EngineStack } from "../../support/engine";
import { osEnv } from "../../examples/example-stack";
import { ANY_RULE, previewWithPack, violationsOf } from "../pack-support";

/**
 * The organisation rules that read only the stack (minimum retention, enabled, run window, required tags), through
 * the real engine and pulumi-csbs's provider against the local cloud: one stack breaks each rule with one policy
 * and keeps one compliant policy; its preview runs with the rules mandatory, advisory, and not configured.
 */
const program = `
const csbs = require("pulumi-csbs");
const spec = require("./spec.json");
const made = {};
for (const p of spec.policies) made[p.resource] = new csbs.BackupPolicy(p.resource, p.args);
if (spec.computed) {
  // status is an output of the provider: unknown until "good" is created, so these inputs are unknown in the preview.
  const later = made.good.status;
  new csbs.BackupPolicy("computed", {
    schedule: { times: ["01:00"], timezone: "Europe/Paris" },
    retention: { maxBackups: later.apply(() => 3) },
    enabled: later.apply(() => false),
    tags: later.apply((s) => ({ team: s })),
  });
}
`;

const paris = (times: string[]) => ({ times, timezone: "Europe/Paris" });
const spec = {
  policies: [
    { resource: "good", args: { schedule: paris(["01:00", "05:00"]), retention: { maxAgeDays: 30 }, tags: { team: "web" } } },
    // Daily at 02:00 UTC keeps 10 backups: 10 days, under the 14-day minimum (and under 12 backups).
    { resource: "short", args: { schedule: { times: ["02:00"] }, retention: { maxBackups: 10 }, tags: { team: "web" } } },
    // 12 daily backups span 12 days, but 4 weekly long-term backups span 28: long enough for the 14-day minimum.
    { resource: "long-kept", args: { schedule: { times: ["02:00"] }, retention: { maxBackups: 12, longTerm: { weekly: 4 } }, tags: { team: "web" } } },
    { resource: "off", args: { enabled: false, schedule: paris(["01:00"]), retention: { permanent: true }, tags: { team: "db" } } },
    { resource: "paused", args: { enabled: false, schedule: paris(["01:00"]), retention: { permanent: true }, tags: { team: "db" } } },
    // 05:30 UTC is 06:30 in Paris in winter, 07:30 in summer: outside 00:00-06:00 either way.
    { resource: "late", args: { schedule: { times: ["05:30"], timezone: "UTC" }, retention: { maxAgeDays: 14 }, tags: { team: "web" } } },
    { resource: "untagged", args: { schedule: paris(["03:00"]), retention: { maxAgeDays: 14 } } },
  ],
};

function orgConfig(level: "mandatory" | "advisory") {
  return {
    "csbs-minimum-retention": { enforcementLevel: level, minBackups: 12, minDays: 14 },
    "csbs-policy-enabled": { enforcementLevel: level, allow: ["paused"] },
    "csbs-run-window": { enforcementLevel: level, from: "00:00", to: "06:00", timezone: "Europe/Paris" },
    "csbs-required-tags": { enforcementLevel: level, keys: ["team"] },
  };
}

describe("policy pack: organisation rules of the stack's own settings", function () {
  this.timeout(300_000);
  const ctx = cloudPerSuite();
  let stack: EngineStack;

  before(async () => {
    stack = await EngineStack.create({
      project: "pack-org-rules",
      files: { "index.js": program, "spec.json": JSON.stringify(spec) },
      env: osEnv(ctx.cloud),
    });
  });
  after(() => stack?.dispose());

  it("fails the preview on each mandatory rule's violation, naming the resource, the value and the fix", async () => {
    const preview = await previewWithPack(stack, orgConfig("mandatory"));
    assert.notEqual(preview.code, 0, preview.output);
    const subjects = (rule: string) => violationsOf(preview.output, rule).map((v) => `${v.level} ${v.subject}`);
    const policy = (name: string) => `mandatory pulumi-nodejs:dynamic/csbs:BackupPolicy: ${name}`;
    assert.deepEqual(subjects("csbs-minimum-retention"), [policy("short"), policy("short")], preview.output);
    assert.match(
      preview.output,
      /BackupPolicy "short" \(name "short-[0-9a-f]{7}"\) keeps 10 backups \(retention\.maxBackups\) and the minimum is 12: set maxBackups to 12 or more/,
    );
    assert.match(
      preview.output,
      /keeps 10 backups at 1 runs a day \(retention\.maxBackups\), about 10 days, and the minimum is 14 days: set maxBackups to 14 or more, or use \{ maxAgeDays: 14 \}/,
    );
    assert.deepEqual(subjects("csbs-policy-enabled"), [policy("off")]);
    assert.match(preview.output, /BackupPolicy "off" \(name "off-[0-9a-f]{7}"\) has enabled: false, so no scheduled backups run: set enabled: true, or add "off-[0-9a-f]{7}" to "allow"/);
    assert.deepEqual(subjects("csbs-run-window"), [policy("late")]);
    assert.match(
      preview.output,
      /BackupPolicy "late" \(name "late-[0-9a-f]{7}"\) runs at 0[67]:30 Europe\/Paris \(schedule\.times \["05:30"\] in UTC\): backups may run only from 00:00 to 06:00 Europe\/Paris; move its run times into that window/,
    );
    assert.deepEqual(subjects("csbs-required-tags"), [policy("untagged")]);
    assert.match(preview.output, /BackupPolicy "untagged" \(name "untagged-[0-9a-f]{7}"\) has tags \{\} without "team": every backup policy must carry the tag keys "team"; add tags: \{ team: "…" \}/);
    assert.doesNotMatch(preview.output, /BackupPolicy: good\)/);
  });

  it("passes the same stack with the advisory messages when the rules are advisory", async () => {
    const preview = await previewWithPack(stack, orgConfig("advisory"));
    assert.equal(preview.code, 0, preview.output);
    for (const rule of ["csbs-minimum-retention", "csbs-policy-enabled", "csbs-run-window", "csbs-required-tags"]) {
      const found = violationsOf(preview.output, rule);
      assert.ok(found.length > 0 && found.every((v) => v.level === "advisory"), `${rule}: ${JSON.stringify(found)}`);
    }
    assert.match(preview.output, /runs at 0[67]:30 Europe\/Paris/);
  });

  it("says nothing when the rules are not configured: they are disabled by default", async () => {
    const preview = await previewWithPack(stack);
    assert.equal(preview.code, 0, preview.output);
    assert.doesNotMatch(preview.output, ANY_RULE);
  });

  it("reports values unknown in the preview as unknown, not as violations", async () => {
    stack.writeProgram({ "index.js": program, "spec.json": JSON.stringify({ policies: spec.policies.slice(0, 1), computed: true }) });
    const preview = await previewWithPack(stack, orgConfig("mandatory"));
    assert.equal(preview.code, 0, preview.output);
    assert.doesNotMatch(preview.output, /\[mandatory\]/);
    const note = (rule: string, what: string) =>
      new RegExp(`can't run policy '${rule}' from policy pack 'pulumi-csbs@v0\\.1\\.0' during preview: ${what} of BackupPolicy "computed" \\(name "computed-[0-9a-f]{7}"\\): not known until the update`);
    assert.match(preview.output, note("csbs-minimum-retention", "retention"));
    assert.match(preview.output, note("csbs-policy-enabled", "enabled"));
    assert.match(preview.output, note("csbs-required-tags", "tags"));
  });
});
