/**
 * The shape of a validation problem, and helpers to phrase its message.
 * Messages follow one style: `` `path` is <value>: <rule>; <fix> ``, lower-case, no trailing period.
 * Code tells failures apart by their `rule`, never by their text.
 */
import type { RuleId } from "./rule-ids";

export type { RuleId } from "./rule-ids";

/** One problem with one input property. */
export interface CheckFailure {
  /** Path of the property, e.g. `schedule.times[1]`, `retention`, `serverIds[3]`; "" for the inputs as a whole. */
  path: string;
  /** Stable identifier of the rule that failed, e.g. `schedule.runsTooClose`. */
  rule: RuleId;
  /** What is wrong: the property, the value, the rule and the fix. */
  message: string;
}

/** Longest value echoed back in a message; huge inputs must not produce huge messages. */
const MAX_SHOWN = 40;

/** Builds a failure whose message starts with the property path in backticks. */
export function failure(path: string, rule: RuleId, text: string): CheckFailure {
  return { path, rule, message: path === "" ? text : `\`${path}\` ${text}` };
}

/**
 * Describes any value briefly and safely for a message: strings quoted and truncated,
 * containers by kind and size, never their (possibly huge or nested) content.
 */
export function show(value: unknown): string {
  if (typeof value === "string") {
    const cut = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    return JSON.stringify(cut);
  }
  if (value === null) return "null";
  if (value === undefined) return "missing";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/** Joins a property path and a key: `tags.team`, or `tags["my key"]` when the key is not a plain word. */
export function childPath(parent: string, key: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key);
  const tail = plain ? `.${key}` : `[${JSON.stringify(key.length > MAX_SHOWN ? `${key.slice(0, MAX_SHOWN)}…` : key)}]`;
  return parent === "" ? (plain ? key : tail) : `${parent}${tail}`;
}

/** Joins a property path and a list index: `serverIds[3]`. */
export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** "1 run", "2 runs": counts in messages read naturally. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
