/**
 * Canonical forms for comparing old and new values in `diff`: the same intent must never show a change,
 * whatever order, spelling ("2:00" vs "02:00") or type (string-typed numbers from the API) it arrives in.
 * Each function returns a string key; a value that cannot be normalized falls back to its JSON text.
 */
import { isDeepStrictEqual } from "node:util";
import { asBoolean } from "../domain/coerce";
import { parsePattern, renderPattern } from "../domain/pattern";
import { containsUnknown } from "../domain/unknown";
import { retentionInputs, scheduleInputs } from "./validators";

/** JSON with object keys sorted, so key order never matters. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? "null";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as Record<string, unknown>).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined && v !== null) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function scheduleKey(value: unknown): string {
  const v = scheduleInputs().validateSchedule(value);
  return stableJson(v.value ?? value);
}

export function retentionKey(value: unknown): string {
  const v = retentionInputs().validateRetention(value);
  return stableJson(v.value ?? value);
}

export function patternKey(value: unknown): string {
  const parsed = parsePattern(value);
  return parsed.ok ? renderPattern(parsed.rules) : stableJson(value);
}

export function textKey(value: unknown): string {
  return value === undefined || value === null ? "" : String(value);
}

export function enabledKey(value: unknown): string {
  return String(asBoolean(value) ?? true);
}

export function tagsKey(value: unknown): string {
  if (value === null || value === undefined) return "{}";
  if (typeof value !== "object" || Array.isArray(value)) return stableJson(value);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = textKey(v);
  return stableJson(out);
}

/** A set of ids, order and duplicates ignored. */
export function idSetKey(value: unknown): string {
  if (!Array.isArray(value)) return stableJson(value);
  return stableJson([...new Set(value.map(textKey))].sort());
}

/**
 * The names of the properties whose normalized values differ. A new value that is not known yet (preview)
 * counts as a change, since it may well be one. Equal values have equal keys, so they are not normalized: a
 * no-op preview or a refresh neither parses schedules again nor loads their schemas (./validators).
 */
export function changedProperties(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  keys: Record<string, (value: unknown) => string>,
): string[] {
  return Object.entries(keys)
    .filter(([prop, key]) => containsUnknown(news[prop]) || (!isDeepStrictEqual(olds[prop], news[prop]) && key(olds[prop]) !== key(news[prop])))
    .map(([prop]) => prop);
}
