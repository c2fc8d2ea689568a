#!/usr/bin/env node
// Redraws docs/quickstart-schedule.svg (the picture in the README) with the SDK's own renderer, from the schedule
// literal in examples/quickstart/index.ts, so the picture shows what the quickstart deploys. Build first (`npm run build`).
// `--check` exits 1 when the committed file differs from what the renderer draws now (tests/docs checks the same).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const SVG_PATH = path.join(root, "docs", "quickstart-schedule.svg");
const EXAMPLE = path.join(root, "examples", "quickstart", "index.ts");
// The picture is drawn as of a fixed instant: its heading names the date the zone's offset is taken at, and a
// picture that changed every day could not be compared with the committed one.
const DRAWN_AT = new Date("2026-01-05T00:00:00Z");

/** The `schedule: { ... }` object literal of the quickstart's BackupPolicy, evaluated (it is plain data). */
function quickstartSchedule() {
  const source = fs.readFileSync(EXAMPLE, "utf8");
  const match = /schedule:\s*(\{[^{}]*\})/.exec(source);
  if (!match) throw new Error(`no 'schedule: { ... }' literal in ${EXAMPLE}: keep the quickstart's schedule inline`);
  return Function(`"use strict"; return (${match[1]});`)();
}

/** The SVG the SDK draws for the quickstart's schedule. */
function renderQuickstartSvg() {
  const sdk = path.join(root, "dist", "sdk", "index.js");
  if (!fs.existsSync(sdk)) throw new Error(`${sdk} is missing: run 'npm run build' first`);
  const { renderScheduleGrid } = require(sdk);
  return renderScheduleGrid(quickstartSchedule(), "svg", DRAWN_AT);
}

module.exports = { SVG_PATH, quickstartSchedule, renderQuickstartSvg };

if (require.main === module) {
  const svg = renderQuickstartSvg();
  if (process.argv.includes("--check")) {
    const same = fs.existsSync(SVG_PATH) && fs.readFileSync(SVG_PATH, "utf8") === svg;
    process.stdout.write(same ? "docs/quickstart-schedule.svg is up to date\n" : "docs/quickstart-schedule.svg is stale: run node scripts/quickstart-schedule-svg.js\n");
    process.exit(same ? 0 : 1);
  }
  fs.writeFileSync(SVG_PATH, svg);
  process.stdout.write(`wrote ${path.relative(root, SVG_PATH)}\n`);
}
