import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { exec, REPO_ROOT } from "../support/engine";

/** `npm run docs` builds the TypeDoc reference of the SDK; a broken {@link} in the TSDoc fails it. */
describe("the API reference (npm run docs)", function () {
  this.timeout(180_000);
  let out: string;
  let result: Awaited<ReturnType<typeof exec>>;

  before(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-api-docs-"));
    result = await exec(process.execPath, [path.join(REPO_ROOT, "scripts", "docs.js"), "--api-only", "--out", out], { cwd: REPO_ROOT });
  });
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it("builds from the SDK's TSDoc without errors or broken links", () => {
    assert.equal(result.code, 0, result.output);
    assert.ok(fs.existsSync(path.join(out, "index.html")), result.output);
  });

  it("has a page for BackupPolicy, PolicyAssociation and ServerBackup, each with its type token", () => {
    for (const name of ["BackupPolicy", "PolicyAssociation", "ServerBackup"]) {
      const page = path.join(out, "classes", `${name}.html`);
      assert.ok(fs.existsSync(page), `${page} was not generated:\n${result.output}`);
      assert.ok(fs.readFileSync(page, "utf8").includes(`pulumi-nodejs:dynamic/csbs:${name}`), `${name}.html lacks its type token`);
    }
  });

  it("documents the inputs with their defaults", () => {
    const page = path.join(out, "interfaces", "BackupPolicyArgs.html");
    assert.ok(fs.existsSync(page), `${page} was not generated`);
    const html = fs.readFileSync(page, "utf8");
    for (const input of ["schedule", "retention", "enabled", "adopt"]) assert.ok(html.includes(input), `BackupPolicyArgs lacks ${input}`);
    assert.match(html, /Default/);
  });
});
