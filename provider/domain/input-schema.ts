/**
 * How the input schemas (zod) report problems. A check's zod `error` is the stable rule id; the text
 * for that id is registered once, beside the schema, with {@link defineRule}, and {@link parseInputs}
 * turns zod's issues into {@link CheckFailure}s with the path written the way users write it. Pulumi's
 * preview sentinel passes wherever {@link orUnknown} allows it, which the schemas do at every level.
 */
import { z } from "./zod";
import { CheckFailure, childPath, failure, indexPath } from "./failures";
import type { RuleId } from "./rule-ids";
import { isRecord } from "./coerce";
import { UNKNOWN } from "./unknown";

/** What a rule's text may use: the offending value, where it is, and what the check found. */
export interface IssueFacts {
  /** The value at `path` (undefined when it is missing). */
  input: unknown;
  /** The property path as the user writes it, e.g. `schedule.times[1]`. */
  path: string;
  /** Data a refinement passed along, e.g. the earlier index of a duplicate. */
  params: Readonly<Record<string, unknown>>;
}

/** Builds the text of one rule's failure: everything after the backticked path. */
export type RuleText = (facts: IssueFacts) => string;

const TEXTS = new Map<RuleId, RuleText>();

/** Registers the text of a rule. Each rule has one text; the id is what code and tests rely on. */
export function defineRule(rule: RuleId, text: RuleText): RuleId {
  if (TEXTS.has(rule)) throw new Error(`rule ${rule} is defined twice`);
  TEXTS.set(rule, text);
  return rule;
}

/** Every rule with a registered text (for documentation and tests). */
export function definedRules(): RuleId[] {
  return [...TEXTS.keys()];
}

/** The value as given, or Pulumi's preview sentinel in its place. */
export function orUnknown<T extends z.ZodType>(schema: T): z.ZodUnion<[T, z.ZodLiteral<typeof UNKNOWN>]> {
  return z.union([schema, z.literal(UNKNOWN)]);
}

/** A zod `error` option naming one rule for every issue of a schema. */
export function says(rule: RuleId): { error: () => string } {
  return { error: () => rule };
}

/** A zod `error` option naming the rule per zod issue code, e.g. wrong type versus unknown key. */
export function saysByCode(rules: Partial<Record<z.core.$ZodIssue["code"], RuleId>> & { otherwise: RuleId }): {
  error: (issue: { code: z.core.$ZodIssue["code"] }) => string;
} {
  return { error: (issue) => rules[issue.code] ?? rules.otherwise };
}

/** Adds one failure of `rule` from a refinement; `at` is relative to the refined value. */
export function report(
  ctx: { issues: unknown[]; value: unknown },
  rule: RuleId,
  input: unknown,
  at: (string | number)[] = [],
  params: Record<string, unknown> = {},
): void {
  (ctx.issues as z.core.$ZodRawIssue[]).push({ code: "custom", message: rule, input, path: at, params, continue: true });
}

/** A required property: a missing one fails with `rule`; anything else goes on to `schema`. */
export function required<T extends z.ZodType>(rule: RuleId, schema: T): z.ZodPipe<z.ZodUnknown, T> {
  return z
    .unknown()
    .check((ctx) => {
      if (ctx.value === undefined) report(ctx, rule, undefined);
    })
    .pipe(schema);
}

/** Drops properties set to null or undefined (absent to Pulumi), and, at the top level, engine plumbing `__*`. */
export function withoutAbsent(value: unknown, plumbing = false): unknown {
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || item === null || (plumbing && key.startsWith("__"))) continue;
    out[key] = item;
  }
  return out;
}

/** Result of {@link parseInputs}. */
export interface Parsed<T> {
  value?: T;
  failures: CheckFailure[];
}

/**
 * Runs a schema over raw inputs; `base` prefixes every path (e.g. "schedule"). Never throws.
 *
 * Without zod's JIT: zod compiles a parser for each object schema (`new Function`) during its first parses, and a
 * process parses each of ours a few dozen times (a provider process: once per resource), too few to repay that
 * compile, which the hooks bundle's code cache cannot keep either (bench/analysis.md, fifth round: paired runs with
 * and without it).
 */
export function parseInputs<T>(schema: z.ZodType<T>, raw: unknown, base = ""): Parsed<T> {
  const result = schema.safeParse(raw, { reportInput: true, jitless: true });
  if (result.success) return { value: result.data, failures: [] };
  return { failures: result.error.issues.flatMap((issue) => toFailures(issue, [], base, raw)) };
}

type Path = readonly PropertyKey[];

function toFailures(issue: z.core.$ZodIssue, prefix: Path, base: string, root: unknown): CheckFailure[] {
  const at = [...prefix, ...issue.path];
  if (issue.code === "invalid_union") {
    // The branches are the real schema then the sentinel (see orUnknown): the real one says what is wrong.
    const real = issue.errors[0] ?? [];
    return real.flatMap((inner) => toFailures(inner, at, base, root));
  }
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => build(issue, [...at, key], base, valueAt(root, [...at, key])));
  }
  return [build(issue, at, base, "input" in issue ? issue.input : valueAt(root, at))];
}

function build(issue: z.core.$ZodIssue, at: Path, base: string, input: unknown): CheckFailure {
  const rule = issue.message as RuleId;
  const text = TEXTS.get(rule);
  if (text === undefined) throw new Error(`no text for rule ${issue.message} (zod ${issue.code} at ${String(at.join("."))})`);
  const path = pathText(base, at);
  const params = issue.code === "custom" ? (issue.params ?? {}) : {};
  return failure(path, rule, text({ input, path, params }));
}

function pathText(base: string, at: Path): string {
  return at.reduce<string>((path, key) => (typeof key === "number" ? indexPath(path, key) : childPath(path, String(key))), base);
}

function valueAt(root: unknown, at: Path): unknown {
  let value: unknown = root;
  for (const key of at) {
    if (Array.isArray(value) && typeof key === "number") value = value[key];
    else if (isRecord(value)) value = value[String(key)];
    else return undefined;
  }
  return value;
}

/** Paths (as users write them) of every value that is the preview sentinel, in input order. */
export function unknownPaths(raw: unknown, base = "", depth = 0): string[] {
  if (raw === UNKNOWN) return [base];
  if (depth > 64) return [];
  if (Array.isArray(raw)) return raw.flatMap((item, i) => unknownPaths(item, indexPath(base, i), depth + 1));
  if (isRecord(raw)) return Object.entries(raw).flatMap(([key, item]) => unknownPaths(item, childPath(base, key), depth + 1));
  return [];
}
