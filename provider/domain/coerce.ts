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
