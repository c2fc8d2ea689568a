/**
 * Nova server tags (microversion 2.26): what a tag may be, and the four list filters. A tag is 1 to 60
 * characters without `/` or `,` (a comma separates tags in the filters, a slash would split the tag URL);
 * a server holds at most 50.
 */
import { fail } from "../core/errors";

export const MAX_TAGS_PER_SERVER = 50;
export const MAX_TAG_LENGTH = 60;

/** Answers Nova's 400 when `tag` is not a valid server tag. */
export function checkTag(tag: unknown, field = "tag"): string {
  if (typeof tag !== "string" || tag.length === 0 || tag.length > MAX_TAG_LENGTH || /[/,]/.test(tag)) {
    fail("compute", 400, `Invalid input for field/attribute ${field}. Value: ${JSON.stringify(tag)?.slice(0, 80)}. a tag must be 1 to ${MAX_TAG_LENGTH} characters without '/' or ','`);
  }
  return tag;
}

/** The server's tags after a replace: checked, duplicates removed (Nova keeps a set), at most 50. */
export function checkTagList(tags: unknown): string[] {
  if (!Array.isArray(tags)) fail("compute", 400, "Invalid input for field/attribute tags. The body must be {\"tags\": [\"a\", \"b\"]}");
  const out = [...new Set(tags.map((t, i) => checkTag(t, `tags[${i}]`)))];
  if (out.length > MAX_TAGS_PER_SERVER) fail("compute", 400, `The number of tags exceeded the per-server limit ${MAX_TAGS_PER_SERVER}`);
  return out;
}

function listParam(query: URLSearchParams, key: string): string[] | undefined {
  const raw = query.get(key);
  if (raw === null) return undefined;
  return raw.split(",").map((t) => checkTag(t, key));
}

/**
 * The predicate of `tags` (has all), `tags-any` (has one), `not-tags` (lacks at least one) and `not-tags-any`
 * (has none) in a list query; every given filter must hold.
 */
export function tagFilter(query: URLSearchParams): (tags: readonly string[]) => boolean {
  const all = listParam(query, "tags");
  const any = listParam(query, "tags-any");
  const notAll = listParam(query, "not-tags");
  const notAny = listParam(query, "not-tags-any");
  return (tags) => {
    const has = (t: string) => tags.includes(t);
    return (!all || all.every(has)) && (!any || any.some(has)) && (!notAll || !notAll.every(has)) && (!notAny || !notAny.some(has));
  };
}
