#!/usr/bin/env node
// Makes `pulumi up` work from the repository root (Pulumi.yaml runs examples/quickstart): packs this package
// and unpacks the tarball into node_modules/pulumi-csbs, a real copy exactly as users install it. A symlink
// or `file:` dependency would not do: Pulumi serializes code outside node_modules by value.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { bundleHooks } = require("./bundle-hooks");

const root = path.resolve(__dirname, "..");

async function installSelf() {
  // `--ignore-scripts`: this runs right after the build, so of `prepack` only the hooks bundle is left to do.
  await bundleHooks();
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
}

installSelf().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
