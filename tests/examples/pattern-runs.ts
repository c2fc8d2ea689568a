/**
 * An independent reading of a CSBS trigger pattern for the example tests: the runs it describes in UTC,
 * as "MO 22:00" (weekly) or "every 3 days 01:30" (daily), sorted. Deliberately not the provider's parser,
 * so a test can catch the provider and the local cloud agreeing on a mistake.
 */
const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

export function patternRuns(pattern: string): string[] {
  const runs = new Set<string>();
  for (const line of pattern.split(/\r?\n/)) {
    if (!line.startsWith("RRULE:")) continue;
    const parts = new Map(
      line
        .slice("RRULE:".length)
        .split(";")
        .map((kv) => kv.split("=") as [string, string]),
    );
    const hours = (parts.get("BYHOUR") ?? "0").split(",").map(Number);
    const minutes = (parts.get("BYMINUTE") ?? "0").split(",").map(Number);
    const freq = parts.get("FREQ");
    const prefixes =
      freq === "WEEKLY"
        ? (parts.get("BYDAY") ?? "").split(",")
        : [`every ${parts.get("INTERVAL") ?? "1"} days`];
    for (const p of prefixes) for (const h of hours) for (const m of minutes) runs.add(`${p} ${pad(h)}:${pad(m)}`);
  }
  return [...runs].sort((a, b) => {
    const da = DAYS.indexOf(a.slice(0, 2));
    const db = DAYS.indexOf(b.slice(0, 2));
    return da !== db ? da - db : a.localeCompare(b);
  });
}
