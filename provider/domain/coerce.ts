/**
 * Reading scalars that Pulumi or the API may pass as strings ("3", "true", "False").
 * Only unambiguous spellings are accepted; anything else is reported, never guessed.
 */

/** An integer given as a number or as a string of digits (optionally signed), else undefined. */
export function asInteger(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === "string" && /^\s*[+-]?\d{1,15}\s*$/.test(value)) return Number(value.trim());
  return undefined;
}

/** A boolean given natively or as "true"/"false" in any case (Python writes "False"), else undefined. */
export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const lower = value.trim().toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
  }
  return undefined;
}

/** True for a plain JSON object (not null, not a list). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A finite number given natively or as decimal text ("29.9", "1024"), else undefined. */
export function asDecimal(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) return Number(value.trim());
  return undefined;
}

/**
 * An API timestamp as an ISO-8601 UTC string, else undefined. The services write UTC without a zone
 * ("2017-04-18T01:21:52.701973", "2030-01-07 02:00:00") or a date alone ("2030-01-07").
 */
export function asUtcInstant(value: unknown): string | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  let text = value.trim().replace(" ", "T");
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) text += "T00:00:00";
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(text)) text += "Z";
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
