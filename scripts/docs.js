#!/usr/bin/env node
// `npm run docs`: the API reference, generated with TypeDoc from the SDK's TSDoc (sdk/index.ts), into
// docs/api/ (gitignored). Extra arguments go to TypeDoc, e.g. `npm run docs -- --out /tmp/api`.
// tsc is the type check; TypeDoc only fails on broken {@link} references, so the reference never rots silently.
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const typedoc = path.join(path.dirname(require.resolve("typedoc/package.json", { paths: [root] })), "bin", "typedoc");
const result = spawnSync(process.execPath, [typedoc, "--options", path.join(root, "typedoc.json"), ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
if (result.error) {
  process.stderr.write(`docs: could not run TypeDoc: ${result.error.message}; run 'npm ci' first\n`);
  process.exit(1);
}
process.exit(result.status ?? 1);
