/**
 * Pulumi's preview sentinel. During `pulumi preview` an input computed from another resource's
 * output arrives as this string; checks skip it and keep it, because guessing would show the
 * user a wrong plan.
 */

/** The value the Pulumi engine passes for an input that is not known yet. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The type of {@link UNKNOWN}. */
export type Unknown = typeof UNKNOWN;

/** True when the value itself is the unknown sentinel. */
export function isUnknown(value: unknown): value is Unknown {
  return value === UNKNOWN;
}

/** True when the value or anything nested in it (lists, objects) is the unknown sentinel. */
export function containsUnknown(value: unknown, depth = 0): boolean {
  if (value === UNKNOWN) return true;
  // Pulumi inputs are JSON; a depth cap keeps adversarial nesting from blowing the stack.
  if (depth > 64 || value === null || typeof value !== "object") return false;
  const items = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
  return items.some((item) => containsUnknown(item, depth + 1));
}

/**
 * Stands in for a value of type T that is not known yet. Validation results list the paths that
 * hold it (`unknowns`), so callers never mistake it for a real value.
 */
export function unknownPlaceholder<T>(): T {
  return UNKNOWN as unknown as T;
}
