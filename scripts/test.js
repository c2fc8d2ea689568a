#!/usr/bin/env node
// `npm test`: installs what is missing (npm packages, the Pulumi engine), builds, and runs every test
// (unit, local cloud, engine) in one mocha run, ending with one summary line "N passed, N failed".
// Arguments filter spec files by substring: `npm test -- engine-smoke`.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { prepare, root } = require("./lib/prepare");

prepare();
process.chdir(root);

// Everything the tests put in the temporary directory (program dirs with their node_modules, engine state, clouds'
// state dirs) goes under one directory of this run, removed at the end: a worker process that is stopped does not
// run its own clean-up.
const runTmp = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-test-run-"));
process.env.TMPDIR = runTmp;
process.once("exit", () => fs.rmSync(runTmp, { recursive: true, force: true }));

const Mocha = require("mocha");
// Spec files run in parallel worker processes: most of an engine test's time is spent waiting on the engine's own
// processes and the local cloud, so two or three files at once finish sooner even on two cores. Every file starts
// its own local cloud on a free port and its own stacks, so files share nothing. CSBS_TEST_JOBS=1 runs them serially.
const jobs = Number(process.env.CSBS_TEST_JOBS || 3);
const mocha = new Mocha({ reporter: "spec", timeout: 60_000, slow: 10_000, parallel: jobs > 1, jobs });
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
// The slowest files (they drive the engine) first, so that no long file starts last.
const slow = ["/engine/", "/reliability/", "/examples/", "/demo/", "/bench/", "/policy-pack/"];
const weight = (f) => (slow.some((d) => f.includes(d)) ? 0 : 1);
for (const f of files.sort((a, b) => weight(a) - weight(b) || a.localeCompare(b))) {
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
