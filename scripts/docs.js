#!/usr/bin/env node
// `npm run docs`: first the README's tables of rule ids, written from the code's registries
// (provider/domain/rule-docs.ts, sdk/operation-rule-docs.ts; see scripts/rule-table.ts), then the API reference,
// generated with TypeDoc from the SDK's TSDoc (sdk/index.ts), into docs/api/ (gitignored).
// `npm run docs -- --rules-only` writes the tables only (a second, no TypeDoc); `--api-only` leaves the README alone
// (tests use it). Other arguments go to TypeDoc, e.g. `npm run docs -- --out /tmp/api`.
// tsc is the type check; TypeDoc only fails on broken {@link} references, so the reference never rots silently.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const flags = new Set(["--rules-only", "--api-only"]);
const args = process.argv.slice(2).filter((a) => !flags.has(a));
const only = process.argv.slice(2).filter((a) => flags.has(a));

if (!only.includes("--api-only")) writeRuleTables();
if (only.includes("--rules-only")) process.exit(0);

const typedoc = path.join(path.dirname(require.resolve("typedoc/package.json", { paths: [root] })), "bin", "typedoc");
const result = spawnSync(process.execPath, [typedoc, "--options", path.join(root, "typedoc.json"), ...args], {
  cwd: root,
  stdio: "inherit",
});
if (result.error) {
  process.stderr.write(`docs: could not run TypeDoc: ${result.error.message}; run 'npm ci' first\n`);
  process.exit(1);
}
process.exit(result.status ?? 1);

function writeRuleTables() {
  // The registries are TypeScript; transpile them in place (tsc checks their types), so no build is needed first.
  require(require.resolve("ts-node", { paths: [root] })).register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
  const { withRuleTables } = require(path.join(root, "scripts", "rule-table.ts"));
  const readme = path.join(root, "README.md");
  const before = fs.readFileSync(readme, "utf8");
  const after = withRuleTables(before);
  if (after !== before) fs.writeFileSync(readme, after);
  process.stdout.write(`docs: README.md rule tables ${after === before ? "already current" : "written"}\n`);
}
