/**
 * One source of settings (stack config, environment, clouds.yaml) as raw strings with where each came from.
 * Layers are merged field by field: the first layer that sets a field wins.
 */
import type { SettingsField } from "./settings";

/** Raw values of one source, and a human description of where each one came from. */
export interface SettingsLayer {
  /** The source's name, e.g. "stack config". */
  source: string;
  values: Partial<Record<SettingsField, string>>;
  origins: Partial<Record<SettingsField, string>>;
}

/** An empty layer. */
export function emptyLayer(source: string): SettingsLayer {
  return { source, values: {}, origins: {} };
}

/** Sets `field` from the first of `candidates` with a non-empty value. */
export function setFirst(layer: SettingsLayer, field: SettingsField, candidates: ReadonlyArray<[origin: string, value: unknown]>): void {
  for (const [origin, value] of candidates) {
    const text = typeof value === "string" ? value.trim() : typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
    if (text !== undefined && text !== "") {
      layer.values[field] = text;
      layer.origins[field] = origin;
      return;
    }
  }
}
