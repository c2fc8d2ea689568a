import * as assert from "node:assert/strict";
import { renderWeekGridSvg, renderWeekGridText } from "../../../provider/domain/week-grid";
import { buildWeekGrid } from "../../../provider/domain/week-grid-model";
import { WINTER } from "./helpers";

const quickstart = { times: ["02:00", "14:00"], weekdays: ["MO" as const, "TH" as const], timezone: "Europe/Paris" };

function row(text: string, section: number, label: string): string {
  const lines = text.split("\n");
  const starts = lines.map((l, i) => (l === "Europe/Paris (UTC+01:00)" || l === "UTC" ? i : -1)).filter((i) => i >= 0);
  const found = lines.slice(starts[section]).find((l) => l.startsWith(label));
  assert.ok(found, `no row ${label}`);
  return found;
}

/** Hours marked "##" in a text row: cell h occupies columns 7 + 3h and 8 + 3h. */
const marked = (line: string): number[] =>
  Array.from({ length: 24 }, (_, h) => h).filter((h) => line.slice(7 + 3 * h, 9 + 3 * h) === "##");

describe("week-grid", () => {
  it("heads the text grid with the schedule, the zone and its offset", () => {
    const text = renderWeekGridText(quickstart, WINTER);
    assert.equal(text.split("\n")[0], "runs on MO, TH at 02:00, 14:00 in Europe/Paris (UTC+01:00) on 2026-01-05");
  });

  it("marks the quickstart runs in Paris time and in UTC", () => {
    const text = renderWeekGridText(quickstart, WINTER);
    assert.deepEqual(marked(row(text, 0, "MO")), [2, 14]);
    assert.deepEqual(marked(row(text, 0, "TU")), []);
    assert.deepEqual(marked(row(text, 0, "TH")), [2, 14]);
    assert.deepEqual(marked(row(text, 1, "MO")), [1, 13]);
    assert.match(text, /02:00 Europe\/Paris = 01:00 UTC/);
  });

  it("moves a Monday 00:30 Paris run to Sunday 23:30 in the UTC grid", () => {
    const model = buildWeekGrid({ times: ["00:30"], weekdays: ["MO"], timezone: "Europe/Paris" }, WINTER);
    assert.deepEqual(model.utc.cells[6]?.[23], ["23:30"]);
    assert.deepEqual(model.utc.cells[0]?.[0], []);
    assert.match(model.legend[0] ?? "", /23:30 UTC \(the day before\)/);
  });

  it("shows the first 7 days of an every-n-days cycle and says so", () => {
    const text = renderWeekGridText({ times: ["02:00"], everyNDays: 3, timezone: "UTC" }, WINTER);
    assert.match(text, /every 3 days/);
    const model = buildWeekGrid({ times: ["02:00"], everyNDays: 3, timezone: "UTC" }, WINTER);
    assert.deepEqual(model.local.rows, ["day 1", "day 2", "day 3", "day 4", "day 5", "day 6", "day 7"]);
    assert.deepEqual(model.local.cells.map((r) => r[2]?.length), [1, 0, 0, 1, 0, 0, 1]);
  });

  it("draws one grid without a legend of 'X UTC = X UTC' lines when the zone is UTC", () => {
    const text = renderWeekGridText({ times: ["02:00"], timezone: "UTC" }, WINTER);
    assert.equal(text.split("\n").filter((l) => l.startsWith("MO ")).length, 1, text);
    assert.doesNotMatch(text, /02:00 UTC = 02:00 UTC/);
    const paris = renderWeekGridText({ times: ["02:00"], timezone: "Europe/Paris" }, WINTER);
    assert.equal(paris.split("\n").filter((l) => l.startsWith("MO ")).length, 2, "two zones, two grids");
  });

  it("renders a self-contained SVG of both grids", () => {
    const svg = renderWeekGridSvg(quickstart, WINTER);
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
    assert.ok(svg.trimEnd().endsWith("</svg>"));
    assert.ok(!/<script|href=|@import|url\(/i.test(svg));
    assert.equal((svg.match(/fill="#2b6cb0"/g) ?? []).length, 8);
    assert.match(svg, /<title>MO 02:00<\/title>/);
    assert.match(svg, /<title>MO 01:00<\/title>/);
  });

  it("escapes text in the SVG", () => {
    const svg = renderWeekGridSvg({ times: ["02:00"], timezone: "UTC" }, WINTER);
    assert.ok(!svg.includes("<UTC"));
    assert.equal((svg.match(/fill="#2b6cb0"/g) ?? []).length, 14);
  });
});
