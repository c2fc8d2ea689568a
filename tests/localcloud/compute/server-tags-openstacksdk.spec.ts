import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { ensureDebianPackages } from "../../support/debian";
import { REPO_ROOT } from "../../support/engine";
import { cloudPerSuite } from "../cloud-per-suite";

const SCRIPT = path.join(REPO_ROOT, "tests", "localcloud", "compute", "support", "openstacksdk-tags.py");

/** Runs the script with Debian's python (where python3-openstacksdk lives), asynchronously so the in-process cloud keeps serving. */
function runSdk(authUrl: string): Promise<Record<string, unknown>> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("OS_")) env[k] = v;
  return new Promise((resolve, reject) => {
    execFile("/usr/bin/python3", [SCRIPT, authUrl], { env, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`openstacksdk script failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Record<string, unknown>);
    });
  });
}

describe("openstacksdk against the local cloud's Nova tags and metadata", function () {
  // The first run may install python3-openstacksdk.
  this.timeout(300_000);
  const ctx = cloudPerSuite();

  before(async () => {
    await ensureDebianPackages(["python3-openstacksdk"]);
  });

  it("lists by tags, any_tags, not_tags and not_any_tags, adds and removes a tag, and reads metadata", async () => {
    const seen = await runSdk(ctx.cloud.authUrl);
    assert.deepEqual(seen.tags, ["web-000", "web-001", "web-002"]);
    assert.deepEqual(seen.anyTags, ["db-0", "db-1", "web-000", "web-001", "web-002"]);
    assert.equal(seen.notTags, 104 - 10);
    assert.equal(seen.notAnyTags, 104 - 12);
    assert.deepEqual(seen.added, ["web-050"]);
    assert.deepEqual(seen.detailTags, ["extra"]);
    assert.deepEqual(seen.removed, []);
    assert.deepEqual(seen.metadata, { tier: "frontend" });
  });
});
