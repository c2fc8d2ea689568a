// What every entry point (npm test, npm run demo, npm run bench) needs before it runs anything:
// npm packages, the Pulumi engine (built once into a cache outside the checkout) and the compiled code.
"use strict";
const { execFileSync, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..", "..");

function step(label, fn) {
  const start = Date.now();
  process.stdout.write(`[prepare] ${label}...\n`);
  const result = fn();
  process.stdout.write(`[prepare] ${label}: ${((Date.now() - start) / 1000).toFixed(1)}s\n`);
  return result;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root });
  if (r.status !== 0) {
    process.stderr.write(`[prepare] '${cmd} ${args.join(" ")}' failed (exit ${r.status})\n`);
    process.exit(r.status || 1);
  }
}

/** Installs what is missing, builds, and returns the engine's bin directory (also set as PULUMI_CSBS_ENGINE_BIN). */
function prepare() {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  if (!fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs) {
    step("npm ci", () => run("npm", ["ci", "--no-audit", "--no-fund"]));
  }
  const bin = step("engine (scripts/setup-engine.sh)", () => {
    const out = execFileSync("bash", [path.join(root, "scripts", "setup-engine.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    return out.trim().split("\n").pop();
  });
  process.env.PULUMI_CSBS_ENGINE_BIN = bin;
  step("tsc", () => run(process.execPath, [require.resolve("typescript/bin/tsc", { paths: [root] }), "-p", "tsconfig.json"]));
  // So that `pulumi up` from the repository root finds the package as users do.
  step("install the packed package into node_modules", () => run(process.execPath, [path.join(root, "scripts", "install-self.js")]));
  return bin;
}

module.exports = { prepare, root };
