/**
 * @pulumi/policy hands rules a proxy that throws on the first property whose value is unknown in a preview, which
 * would stop a rule before it has looked at anything else. This copies the properties into plain values, with
 * the domain's unknown sentinel where the engine has no value yet, so a rule checks everything known and lists
 * what is not.
 */
import { UNKNOWN } from "../../provider/domain";

const MAX_DEPTH = 32;

/** A plain copy of `value` (a props proxy or anything inside one), unknowns replaced by `UNKNOWN`. */
export function plainProps(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(readField(value, i, depth));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = readField(value as Record<string, unknown>, key, depth);
  return out;
}

function readField(holder: Record<string | number, unknown> | unknown[], key: string | number, depth: number): unknown {
  let field: unknown;
  try {
    field = (holder as Record<string | number, unknown>)[key];
  } catch (err) {
    if (isUnknownValueError(err)) return UNKNOWN;
    throw err;
  }
  return plainProps(field, depth + 1);
}

/** The error @pulumi/policy's proxy throws on an unknown value: it carries the property path it stopped at. */
function isUnknownValueError(err: unknown): boolean {
  return err instanceof Error && Array.isArray((err as { props?: unknown }).props) && "unknownTypeSentinel" in err;
}

/** The resource's properties as a plain record (an absent or odd value gives an empty record). */
export function plainRecord(props: unknown): Record<string, unknown> {
  const plain = plainProps(props);
  return plain !== null && typeof plain === "object" && !Array.isArray(plain) ? (plain as Record<string, unknown>) : {};
}
