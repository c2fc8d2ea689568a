/**
 * The text Karbor keeps in its JSON columns (a trigger's `properties`, an operation's `operation_definition`):
 * `jsonutils.dumps`, i.e. Python's `json.dumps` with its default `", "` / `": "` separators and ASCII escapes.
 * The regex filters run over this text, so `properties=calendar` or `operation_definition="plan_id": "…"` match
 * as they would upstream.
 */

function str(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function pythonJsonDumps(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return str(v);
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : v > 0 ? "Infinity" : v < 0 ? "-Infinity" : "NaN";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return `[${v.map(pythonJsonDumps).join(", ")}]`;
  if (typeof v === "object") {
    return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${str(k)}: ${pythonJsonDumps(x)}`).join(", ")}}`;
  }
  return str(String(v));
}
