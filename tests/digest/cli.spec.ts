import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { COMMENT_MARKER } from "../../digest/render-comment";
import { REPO_ROOT } from "../support/engine";

const CLI = path.join(REPO_ROOT, "dist", "digest", "cli.js");
const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });

describe("csbs-preview-digest", () => {
  it("prints the comment for each <stack>=<file> given", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-digest-"));
    try {
      const file = path.join(dir, "preview.jsonl");
      fs.writeFileSync(file, "");
      const r = run(["--log-url", "https://ci.example/run/1", `prod=${file}`]);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.stdout.startsWith(COMMENT_MARKER), r.stdout);
      assert.match(r.stdout, /prod/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exits 2 with the usage when no stack or a malformed argument is given", () => {
    const none = run([]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /give at least one <stack>=<preview\.jsonl>/);
    const bad = run(["preview.jsonl"]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /"preview\.jsonl" is not <stack>=<file>: pass e\.g\. prod=preview\.jsonl/);
  });
});
