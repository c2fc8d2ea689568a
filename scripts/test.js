#!/usr/bin/env node
// `npm test`: installs what is missing (npm packages, the Pulumi engine), builds, and runs every test
// (unit, local cloud, engine) in one mocha run, ending with one summary line "N passed, N failed".
// Arguments filter spec files by substring: `npm test -- engine-smoke`.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { prepare, root } = require("./lib/prepare");

prepare();
process.chdir(root);

const Mocha = require("mocha");
const mocha = new Mocha({ reporter: "spec", timeout: 60_000, slow: 10_000 });
const files = [];
(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p);
    // Only specs whose TypeScript source still exists: a deleted spec's old output must not run.
    else if (entry.name.endsWith(".spec.js") && fs.existsSync(sourceOf(p))) files.push(p);
  }
})(path.join(root, "dist", "tests"));
function sourceOf(compiled) {
  return path.join(root, path.relative(path.join(root, "dist"), compiled)).replace(/\.js$/, ".ts");
}
const only = process.argv.slice(2);
for (const f of files.sort()) {
  if (only.length === 0 || only.some((o) => f.includes(o))) mocha.addFile(f);
}
const started = Date.now();
const runner = mocha.run(() => {
  const { passes, failures, pending } = runner.stats;
  process.stdout.write(`\n[test] suite wall time ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
  process.stdout.write(`${passes} passed, ${failures} failed\n`);
  process.exitCode = failures > 0 || pending > 0 || passes === 0 ? 1 : 0;
  // Servers and engine children are closed by the tests; never hang on a stray handle.
  setTimeout(() => process.exit(process.exitCode), 2000).unref();
});
