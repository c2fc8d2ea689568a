/**
 * `npm pack` on a fresh clone (no dist/) yields the whole package: the `prepack` script compiles it first.
 * The clone is the repository's tracked files copied into an empty directory, sharing node_modules for tsc.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { exec, REPO_ROOT } from "../support/engine";

describe("npm pack on a fresh clone", function () {
  this.timeout(600_000);
  let clone: string;

  before(async () => {
    clone = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-clone-"));
    const listed = await exec("git", ["ls-files", "-z"], { cwd: REPO_ROOT });
    assert.equal(listed.code, 0, listed.output);
    for (const rel of listed.stdout.split("\0").filter((f) => f !== "" && fs.existsSync(path.join(REPO_ROOT, f)))) {
      fs.mkdirSync(path.dirname(path.join(clone, rel)), { recursive: true });
      fs.copyFileSync(path.join(REPO_ROOT, rel), path.join(clone, rel));
    }
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(clone, "node_modules"));
  });
  after(() => fs.rmSync(clone, { recursive: true, force: true }));

  it("builds the code before packing it, so the tarball holds the SDK, the provider and the local cloud", async () => {
    assert.ok(!fs.existsSync(path.join(clone, "dist")), "the clone starts without dist/");
    const packed = await exec("npm", ["pack", "--dry-run", "--json"], { cwd: clone });
    assert.equal(packed.code, 0, packed.output);
    const files = (JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
    for (const needed of ["dist/sdk/index.js", "dist/sdk/index.d.ts", "dist/provider/hooks/policy-hooks.js", "dist/provider/hooks/association-hooks.js", "dist/sdk/provider-loaders/association.js", "dist/localcloud/cli.js"]) {
      assert.ok(files.includes(needed), `${needed} is not in the package (${files.length} files)`);
    }
  });
});
