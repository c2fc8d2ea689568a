/**
 * Servers chosen by what they carry rather than by id: a selector names Nova server tags and metadata, and a
 * server matches when it has every tag and every key=value (AND, never OR: a selector can only narrow).
 * Resolved at check time into a sorted id list, so a preview shows exactly which servers a policy protects.
 */
import { z } from "./zod";
import { isRecord } from "./coerce";
import { CheckFailure, show } from "./failures";
import { defineRule, orUnknown, parseInputs, report, says, saysByCode, unknownPaths, withoutAbsent } from "./input-schema";
import { UNKNOWN } from "./unknown";

export interface ServerSelector {
  /** Nova server tags the server must all have. @default [] */
  tags?: string[];
  /** Nova server metadata pairs the server must all have, values compared exactly. @default {} */
  metadata?: Record<string, string>;
}

/** What selection needs to know about a server. */
export interface SelectableServer {
  id: string;
  name: string;
  tags: readonly string[];
  metadata: Readonly<Record<string, string>>;
}

export function matchesSelector(server: SelectableServer, selector: ServerSelector): boolean {
  const tags = selector.tags ?? [];
  const metadata = selector.metadata ?? {};
  return (
    tags.every((t) => server.tags.includes(t)) &&
    Object.entries(metadata).every(([k, v]) => Object.prototype.hasOwnProperty.call(server.metadata, k) && server.metadata[k] === v)
  );
}

/** The matching servers, sorted by id (the order the diff compares). */
export function resolveSelector<T extends SelectableServer>(servers: readonly T[], selector: ServerSelector): T[] {
  const seen = new Set<string>();
  return servers
    .filter((s) => matchesSelector(s, selector) && !seen.has(s.id) && (seen.add(s.id), true))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The selector as users write it, for messages: `tags web, prod and metadata tier=frontend`. */
export function describeSelector(selector: ServerSelector): string {
  const parts: string[] = [];
  if (selector.tags && selector.tags.length > 0) parts.push(`tags ${selector.tags.join(", ")}`);
  const pairs = Object.entries(selector.metadata ?? {}).map(([k, v]) => `${k}=${v}`);
  if (pairs.length > 0) parts.push(`metadata ${pairs.join(", ")}`);
  return parts.length > 0 ? parts.join(" and ") : "no tag or metadata";
}

/** A validated selector; paths in `unknowns` hold the preview sentinel. */
export interface SelectorValidation {
  value?: ServerSelector;
  failures: CheckFailure[];
  unknowns: string[];
}

const SELECTOR_EXAMPLE = 'write e.g. serverSelector: { tags: ["web", "prod"], metadata: { tier: "frontend" } }';
/** Nova's own tag rule: 1 to 60 characters, no "/" or ",". */
const TAG_RE = /^[^/,]{1,60}$/;

const SELECTOR_TYPE = defineRule("selector.type", ({ input }) => `is ${show(input)}: a server selector must be an object; ${SELECTOR_EXAMPLE}`);
const SELECTOR_KEY = defineRule("selector.unknownSetting", () => `is not a selector setting: a selector has tags and metadata; ${SELECTOR_EXAMPLE}`);
const TAGS_LIST = defineRule("selector.tagsList", ({ input }) => `is ${show(input)}: tags must be a list of Nova server tags; ${SELECTOR_EXAMPLE}`);
const TAG = defineRule("selector.tag", ({ input }) => `is ${show(input)}: a Nova server tag is 1 to 60 characters without "/" or ","; fix the tag`);
const METADATA_TYPE = defineRule(
  "selector.metadataType",
  ({ input }) => `is ${show(input)}: metadata must be an object of key: "value" pairs; ${SELECTOR_EXAMPLE}`,
);
const METADATA_VALUE = defineRule("selector.metadataValue", ({ input }) => `is ${show(input)}: a metadata value must be text; write it as a string`);
const EMPTY = defineRule("selector.empty", () => `chooses no tag or metadata, which would match every server: give at least one; ${SELECTOR_EXAMPLE}`);

/** `serverSelector`: tags (sorted, each once) and metadata, at least one of them, nothing else. */
export const serverSelectorSchema = orUnknown(
  z
    .preprocess(
      (raw) => withoutAbsent(raw),
      z
        .strictObject(
          {
            tags: orUnknown(z.array(orUnknown(z.string(says(TAG)).regex(TAG_RE, says(TAG))), says(TAGS_LIST))).optional(),
            metadata: orUnknown(z.record(z.string(), orUnknown(z.string(says(METADATA_VALUE))), says(METADATA_TYPE))).optional(),
          },
          saysByCode({ unrecognized_keys: SELECTOR_KEY, otherwise: SELECTOR_TYPE }),
        )
        .superRefine(
          (value, ctx) => {
            if (!isRecord(value)) return;
            const tags = Array.isArray(value.tags) ? value.tags : [];
            const metadata = isRecord(value.metadata) ? value.metadata : {};
            if (value.tags !== UNKNOWN && value.metadata !== UNKNOWN && tags.length === 0 && Object.keys(metadata).length === 0) report(ctx, EMPTY, value);
          },
          { when: () => true },
        ),
    )
    .transform((value): ServerSelector => {
      const metadata: Record<string, string> = {};
      // defineProperty: a key may be `__proto__`, which plain assignment would not store.
      for (const [k, v] of Object.entries(value.metadata ?? {})) Object.defineProperty(metadata, k, { value: v, enumerable: true, writable: true, configurable: true });
      return { tags: [...new Set(value.tags ?? [])].sort(), metadata };
    }),
);

/** Validates a raw `serverSelector`. Never throws. */
export function validateSelector(raw: unknown, path = "serverSelector"): SelectorValidation {
  const { value, failures } = parseInputs(serverSelectorSchema, raw, path);
  const unknowns = unknownPaths(withoutAbsent(raw), path);
  return value === undefined ? { failures, unknowns } : { value: value as ServerSelector, failures, unknowns };
}
