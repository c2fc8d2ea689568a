/** Policy tags: at most 10, keys 1-36 and values 0-43 of letters, digits, `_` and `-`. */
import { CheckFailure, childPath, failure, show } from "./failures";
import { isRecord } from "./coerce";
import { LIMITS, NAME_CHARS } from "./limits";
import { isUnknown, unknownPlaceholder } from "./unknown";

/** Validated tags; `unknowns` lists paths holding the preview sentinel. */
export interface TagsValidation {
  value?: Record<string, string>;
  failures: CheckFailure[];
  unknowns: string[];
}

const CHARSET = "letters, digits, _ and -";

/** Validates tags; absent means none. Keys are trimmed, as the service trims them. Never throws. */
export function validateTags(raw: unknown, path = "tags"): TagsValidation {
  if (raw === undefined || raw === null) return { value: {}, failures: [], unknowns: [] };
  if (isUnknown(raw)) return { value: unknownPlaceholder<Record<string, string>>(), failures: [], unknowns: [path] };
  if (!isRecord(raw)) return { failures: [failure(path, `is ${show(raw)}: tags must be an object of strings; write e.g. { team: "web" }`)], unknowns: [] };
  const failures: CheckFailure[] = [];
  const unknowns: string[] = [];
  const value: Record<string, string> = {};
  const entries = Object.entries(raw);
  if (entries.length > LIMITS.tagsMax) {
    failures.push(failure(path, `has ${entries.length} tags: a policy takes at most ${LIMITS.tagsMax}; remove ${entries.length - LIMITS.tagsMax}`));
  }
  for (const [rawKey, tagValue] of entries) {
    const key = rawKey.trim();
    const itemPath = childPath(path, rawKey);
    if (key.length < LIMITS.tagKeyMin || key.length > LIMITS.tagKeyMax || !NAME_CHARS.test(key)) {
      failures.push(failure(itemPath, `has key ${show(rawKey)}: a tag key must be ${LIMITS.tagKeyMin}-${LIMITS.tagKeyMax} characters of ${CHARSET}; rename it`));
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(value, key)) {
      failures.push(failure(itemPath, `repeats key ${show(key)} once spaces are trimmed: tag keys must be unique; remove one`));
      continue;
    }
    if (isUnknown(tagValue)) {
      unknowns.push(itemPath);
      value[key] = tagValue;
      continue;
    }
    if (typeof tagValue !== "string" || tagValue.length > LIMITS.tagValueMax || !NAME_CHARS.test(tagValue)) {
      failures.push(
        failure(itemPath, `is ${show(tagValue)}: a tag value must be a string of 0-${LIMITS.tagValueMax} characters of ${CHARSET}; change it`),
      );
      continue;
    }
    value[key] = tagValue;
  }
  return failures.length > 0 ? { failures, unknowns } : { value: sortedRecord(value), failures, unknowns };
}

/** Same keys in sorted order, so equal tag sets serialize equally. */
function sortedRecord(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key] as string;
  return out;
}
