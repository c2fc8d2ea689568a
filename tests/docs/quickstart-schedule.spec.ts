import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../support/engine";

interface SvgScript {
  SVG_PATH: string;
  quickstartSchedule(): unknown;
  renderQuickstartSvg(): string;
}

const script = require(path.join(REPO_ROOT, "scripts", "quickstart-schedule-svg.js")) as SvgScript;

describe("docs/quickstart-schedule.svg", () => {
  it("is exactly what the SDK's renderer draws now for the quickstart's schedule", () => {
    assert.ok(fs.existsSync(script.SVG_PATH), `${script.SVG_PATH} is missing: run node scripts/quickstart-schedule-svg.js`);
    const committed = fs.readFileSync(script.SVG_PATH, "utf8");
    assert.equal(committed, script.renderQuickstartSvg(), "stale picture: run node scripts/quickstart-schedule-svg.js and commit it");
  });

  it("draws the schedule the quickstart deploys", () => {
    assert.deepEqual(script.quickstartSchedule(), { times: ["02:00"], timezone: "UTC" });
  });

  it("is shown in the README and is a self-contained SVG", () => {
    assert.ok(fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8").includes("](docs/quickstart-schedule.svg)"));
    const svg = fs.readFileSync(script.SVG_PATH, "utf8");
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.doesNotMatch(svg, /<script|href=/);
  });
});
