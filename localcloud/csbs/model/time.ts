/** The time formats of the CSBS wire and the parsing of time filters. */

/** `2017-04-18T01:21:52.701973`: microseconds, no zone (docs/csbs-api-notes.md E #7). */
export function csbsTimestamp(iso: string | Date): string {
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return `${d.toISOString().slice(0, 23)}000`;
}

/** The trigger's `start_time`: `YYYY-MM-DD HH:MM:SS`. */
export function triggerTime(iso: string | Date): string {
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return d.toISOString().slice(0, 19).replace("T", " ");
}

/** Reads `YYYY-MM-DD HH:MM:SS` (the only start_time format Karbor accepts); undefined when malformed. */
export function parseTriggerTime(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Reads a filter time such as `2017-04-18T01:21:52.701973` or `2017-04-18 01:21:52` as UTC. */
export function parseFilterTime(text: string): Date | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return undefined;
  const frac = m[3] ? m[3].slice(0, 4) : "";
  const d = new Date(`${m[1]}T${m[2] ?? "00:00:00"}${frac}${m[4] ?? "Z"}`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function addSeconds(at: Date, seconds: number): Date {
  return new Date(at.getTime() + seconds * 1000);
}
