/** Policy tags: at most 10, keys 1-36 and values 0-43 of letters, digits, `_` and `-`. */
import { z } from "./zod";
import { CheckFailure, show } from "./failures";
import { defineRule, orUnknown, parseInputs, report, says, unknownPaths } from "./input-schema";
import { LIMITS, NAME_CHARS } from "./limits";

/** Validated tags; `unknowns` lists paths holding the preview sentinel. */
export interface TagsValidation {
  value?: Record<string, string>;
  failures: CheckFailure[];
  unknowns: string[];
}

const CHARSET = "letters, digits, _ and -";

const TAGS_TYPE = defineRule("tags.type", ({ input }) => `is ${show(input)}: tags must be an object of strings; write e.g. { team: "web" }`);
const TOO_MANY_TAGS = defineRule("tags.tooMany", ({ params }) => {
  const count = Number(params.count);
  return `has ${count} tags: a policy takes at most ${LIMITS.tagsMax}; remove ${count - LIMITS.tagsMax}`;
});
const TAG_KEY = defineRule(
  "tags.key",
  ({ params }) => `has key ${show(params.key)}: a tag key must be ${LIMITS.tagKeyMin}-${LIMITS.tagKeyMax} characters of ${CHARSET}; rename it`,
);
const DUPLICATE_KEY = defineRule(
  "tags.duplicateKey",
  ({ params }) => `repeats key ${show(params.key)} once spaces are trimmed: tag keys must be unique; remove one`,
);
const TAG_VALUE = defineRule(
  "tags.value",
  ({ input }) => `is ${show(input)}: a tag value must be a string of 0-${LIMITS.tagValueMax} characters of ${CHARSET}; change it`,
);

const tagValue = z.string(says(TAG_VALUE)).refine((value) => value.length <= LIMITS.tagValueMax && NAME_CHARS.test(value), says(TAG_VALUE));

function validKey(key: string): boolean {
  return key.length >= LIMITS.tagKeyMin && key.length <= LIMITS.tagKeyMax && NAME_CHARS.test(key);
}

/** Tags, keys trimmed as the service trims them, in key order so equal sets serialize equally. */
export const tagsSchema = orUnknown(
  z
    .record(z.string(), orUnknown(tagValue), says(TAGS_TYPE))
    .superRefine(
      (tags, ctx) => {
        if (typeof tags !== "object" || tags === null) return;
        const keys = Object.keys(tags);
        if (keys.length > LIMITS.tagsMax) report(ctx, TOO_MANY_TAGS, tags, [], { count: keys.length });
        const seen = new Set<string>();
        for (const rawKey of keys) {
          const key = rawKey.trim();
          if (!validKey(key)) report(ctx, TAG_KEY, tags[rawKey], [rawKey], { key: rawKey });
          else if (seen.has(key)) report(ctx, DUPLICATE_KEY, tags[rawKey], [rawKey], { key });
          seen.add(key);
        }
      },
      { when: () => true },
    )
    .transform((tags) => {
      const out: Record<string, string> = {};
      for (const rawKey of Object.keys(tags).sort((a, b) => (a.trim() < b.trim() ? -1 : a.trim() > b.trim() ? 1 : 0))) {
        out[rawKey.trim()] = tags[rawKey] as string;
      }
      return out;
    }),
);

/** Validates tags; absent means none. Keys are trimmed, as the service trims them. Never throws. */
export function validateTags(raw: unknown, path = "tags"): TagsValidation {
  if (raw === undefined || raw === null) return { value: {}, failures: [], unknowns: [] };
  const { value, failures } = parseInputs(tagsSchema, raw, path);
  const unknowns = unknownPaths(raw, path);
  return value === undefined ? { failures, unknowns } : { value: value as Record<string, string>, failures, unknowns };
}
