/**
 * A schedule as a picture: 7 rows (MO..SU, or the first 7 days of an every-n-days cycle) × 24 hours,
 * once in the user's zone and once in UTC, as monospace text and as a self-contained SVG.
 */
import type { Schedule } from "./schedule";
import { offsetMinutes } from "./timezone";
import { buildWeekGrid, GridPanel } from "./week-grid-model";

const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0"));

function textPanel(panel: GridPanel): string[] {
  const head = `       ${HOURS.join(" ")}`;
  const rows = panel.rows.map((label, r) => `${label.padEnd(6)} ${(panel.cells[r] ?? []).map((cell) => (cell.length > 0 ? "##" : " .")).join(" ")}`);
  return [panel.title, head, ...rows];
}

/**
 * The grid as monospace text: a heading, the local panel, the UTC panel and a legend; "##" marks an hour with a
 * run. A zone at UTC+00:00 at `at` gets one panel and no legend: both would repeat the same thing.
 */
export function renderWeekGridText(schedule: Schedule, at: Date): string {
  const model = buildWeekGrid(schedule, at);
  if (offsetMinutes(schedule.timezone, at) === 0) {
    return [model.heading, "", ...textPanel(model.local), "", "## = a run in that hour (local time is UTC here)", ""].join("\n");
  }
  return [model.heading, "", ...textPanel(model.local), "", ...textPanel(model.utc), "", "## = a run in that hour", ...model.legend, ""].join("\n");
}

function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const CELL_W = 22;
const CELL_H = 18;
const LABEL_W = 56;
const PANEL_H = 30 + 7 * CELL_H + 16;

function svgPanel(panel: GridPanel, top: number): string[] {
  const out = [`<text x="0" y="${top + 12}" font-weight="bold">${xml(panel.title)}</text>`];
  HOURS.forEach((h, i) => out.push(`<text x="${LABEL_W + i * CELL_W + 3}" y="${top + 26}" fill="#555">${h}</text>`));
  panel.rows.forEach((label, r) => {
    const y = top + 30 + r * CELL_H;
    out.push(`<text x="0" y="${y + 13}">${xml(label)}</text>`);
    (panel.cells[r] ?? []).forEach((cell, h) => {
      const x = LABEL_W + h * CELL_W;
      const fill = cell.length > 0 ? "#2b6cb0" : "#edf2f7";
      const tip = cell.length > 0 ? `<title>${xml(`${label} ${cell.join(", ")}`)}</title>` : "";
      out.push(`<rect x="${x}" y="${y}" width="${CELL_W - 2}" height="${CELL_H - 2}" fill="${fill}">${tip}</rect>`);
    });
  });
  return out;
}

/** The grid as a self-contained SVG document (generic monospace font, no scripts, no external references). */
export function renderWeekGridSvg(schedule: Schedule, at: Date): string {
  const model = buildWeekGrid(schedule, at);
  const width = LABEL_W + 24 * CELL_W;
  const legendTop = 24 + 2 * PANEL_H;
  const height = legendTop + model.legend.length * 16 + 8;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="monospace" font-size="12">`,
    `<title>${xml(model.heading)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="0" y="14">${xml(model.heading)}</text>`,
    ...svgPanel(model.local, 24),
    ...svgPanel(model.utc, 24 + PANEL_H),
    ...model.legend.map((line, i) => `<text x="0" y="${legendTop + 12 + i * 16}">${xml(line)}</text>`),
    "</svg>",
    "",
  ].join("\n");
}
