#!/usr/bin/env node
// `npm test`: installs what is missing (npm packages, the Pulumi engine), builds, and runs every test
// (unit, local cloud, engine) in one mocha run, ending with one summary line "N passed, N failed".
"use strict";
const { execFileSync, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
process.chdir(root);

function step(label, fn) {
  const start = Date.now();
  process.stdout.write(`[test] ${label}...\n`);
  const result = fn();
  process.stdout.write(`[test] ${label}: ${((Date.now() - start) / 1000).toFixed(1)}s\n`);
  return result;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", ...opts });
  if (r.status !== 0) {
    process.stderr.write(`[test] '${cmd} ${args.join(" ")}' failed (exit ${r.status})\n`);
    process.exit(r.status || 1);
  }
}

const installed = path.join(root, "node_modules", ".package-lock.json");
if (!fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(path.join(root, "package-lock.json")).mtimeMs) {
  step("npm ci", () => run("npm", ["ci", "--no-audit", "--no-fund"]));
}

const engineBin = step("engine (scripts/setup-engine.sh)", () => {
  const out = execFileSync("bash", [path.join(root, "scripts", "setup-engine.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  return out.trim().split("\n").pop();
});
process.env.PULUMI_CSBS_ENGINE_BIN = engineBin;

step("tsc", () => run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.json"]));

const Mocha = require("mocha");
const mocha = new Mocha({ reporter: "spec", timeout: 60_000, slow: 10_000 });
const grep = process.env.TEST_GREP;
if (grep) mocha.grep(grep);
const files = [];
(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p);
    else if (entry.name.endsWith(".spec.js")) files.push(p);
  }
})(path.join(root, "dist", "tests"));
const only = process.argv.slice(2);
for (const f of files.sort()) {
  if (only.length === 0 || only.some((o) => f.includes(o))) mocha.addFile(f);
}
const started = Date.now();
const runner = mocha.run((failures) => {
  const stats = runner.stats;
  const passed = stats ? stats.passes : 0;
  const failed = stats ? stats.failures : failures;
  process.stdout.write(`\n[test] suite wall time ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
  // Engine children and servers are closed by the tests; do not hang on a stray handle.
  setTimeout(() => process.exit(process.exitCode), 2000).unref();
});
