#!/usr/bin/env node
// Makes `pulumi up` work from the repository root (Pulumi.yaml runs examples/quickstart): packs this package
// and unpacks the tarball into node_modules/pulumi-csbs, a real copy exactly as users install it. A symlink
// or `file:` dependency would not do: Pulumi serializes code outside node_modules by value.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
// `--ignore-scripts`: this runs right after the build, so `prepack` (the build, for fresh clones) is not needed.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-self-"));
try {
  const name = execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", tmp], { cwd: root, encoding: "utf8" })
    .trim()
    .split("\n")
    .pop();
  const target = path.join(root, "node_modules", "pulumi-csbs");
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  execFileSync("tar", ["-xzf", path.join(tmp, name), "-C", target, "--strip-components=1"]);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
