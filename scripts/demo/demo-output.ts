/** How the demo prints: numbered banners, indented paragraphs and plain-text tables. */

export function banner(title: string): void {
  process.stdout.write(`\n=== ${title} ${"=".repeat(Math.max(0, 76 - title.length))}\n`);
}

export function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function printTable(rows: string[][], header: string[]): void {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => "  " + r.map((cell, c) => (cell ?? "").padEnd(widths[c])).join("  ");
  say(line(header));
  say("  " + widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) say(line(r));
}
