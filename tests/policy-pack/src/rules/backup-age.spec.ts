import * as assert from "node:assert/strict";
import { serverIds } from "../../../examples/cloud-api";
import { osEnv } from "../../../examples/example-stack";
import { cloudPerSuite } from "../../../localcloud/cloud-per-suite";
import { admin } from "../../../support/cloud";
import { EngineStack } from "../../../support/engine";
import { previewWithPack } from "../../pack-support";

/**
 * csbs-backup-age reads each associated server's newest backup from the cloud at preview (getServerProtection).
 * The local cloud's clock starts 30 hours in the past and the policy runs once a day an hour later, so after the
 * clock has passed that run the newest backup is about 29 hours old by the real time the pack judges it with.
 */
const HOUR = 3_600_000;
const start = new Date(Math.floor((Date.now() - 30 * HOUR) / 60_000) * 60_000);
const runAt = new Date(start.getTime() + HOUR).toISOString().slice(11, 16);

const program = `
const csbs = require("pulumi-csbs");
const spec = require("./spec.json");
const policy = new csbs.BackupPolicy("daily", { schedule: { times: [spec.runAt] }, retention: { maxBackups: 7 } });
new csbs.PolicyAssociation("daily-servers", { policyId: policy.id, serverIds: spec.serverIds });
`;
const config = (maxHours: number) => ({ "csbs-backup-age": { enforcementLevel: "mandatory", maxHours } });

describe("policy pack: csbs-backup-age", function () {
  this.timeout(300_000);
  const ctx = cloudPerSuite({ clock: { start: start.toISOString() } });
  let stack: EngineStack;
  let id: string;

  before(async () => {
    [id] = await serverIds(ctx.cloud, ["web-005"]);
    stack = await EngineStack.create({
      project: "pack-backup-age",
      files: { "index.js": program, "spec.json": JSON.stringify({ runAt, serverIds: [id] }) },
      env: osEnv(ctx.cloud),
    });
    const up = await stack.up();
    assert.equal(up.code, 0, up.output);
    await admin(ctx.cloud, "POST", "/clock", { advanceSeconds: 2 * 3600 });
  });
  after(() => stack?.dispose());

  it("fails the preview when a server's newest backup is older than maxHours, naming the server, its age and the fix", async () => {
    const preview = await previewWithPack(stack, config(24));
    assert.notEqual(preview.code, 0, preview.output);
    assert.match(
      preview.output,
      new RegExp(
        `server "web-005" \\(${id}\\) of association "daily-servers" has its newest backup from \\S+ \\(2[89] hours old, available\\): ` +
          `the newest backup may be at most 24 hours old; check that policy "daily-[0-9a-f]{7}" is enabled and its runs succeed, or run a backup now`,
      ),
    );
  });

  it("passes when the newest backup is recent enough", async () => {
    const preview = await previewWithPack(stack, config(48));
    assert.equal(preview.code, 0, preview.output);
    assert.doesNotMatch(preview.output, /csbs-backup-age/);
  });
});
