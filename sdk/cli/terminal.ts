/**
 * How the command writes: colour and live progress only when stdout is a terminal, plain lines otherwise,
 * and never colour when NO_COLOR is set (https://no-color.org).
 */
import { createColors, type Colorette } from "colorette";

export interface Terminal {
  /** stdout is a TTY: live progress may redraw lines. */
  interactive: boolean;
  colors: Colorette;
  out(line: string): void;
  err(line: string): void;
}

export function terminal(): Terminal {
  const interactive = process.stdout.isTTY === true;
  const useColor = interactive && !("NO_COLOR" in process.env && process.env.NO_COLOR !== "");
  return {
    interactive,
    colors: createColors({ useColor }),
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
  };
}

/** Rows as aligned columns (the first row is the header). */
export function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ").trimEnd());
}

/** "3h 20m", "2d 4h", "45s": an age or a delay for people. */
export function humanDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** "24h", "30m", "7d", "90s", "500ms" as milliseconds, or undefined. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+)\s*(ms|s|m|h|d)$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as "ms" | "s" | "m" | "h" | "d"];
}
