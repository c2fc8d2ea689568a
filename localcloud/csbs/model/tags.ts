/** Policy tags: at most 10, unique keys; writes replace the value of an existing key. */
import type { CloudContext } from "../../core/contracts";
import { MAX_TAGS } from "../limits";
import { DomainError } from "./domain-error";
import { COLLECTIONS, PolicyRecord, PolicyTag } from "./types";

export function upsertTags(ctx: CloudContext, policy: PolicyRecord, tags: PolicyTag[]): PolicyRecord {
  const next = [...policy.tags];
  for (const t of tags) {
    const i = next.findIndex((x) => x.key === t.key);
    if (i >= 0) next[i] = t; else next.push(t);
  }
  if (next.length > MAX_TAGS) {
    throw new DomainError("too-many-tags", `too many tags: policy ${policy.id} would have ${next.length}; at most ${MAX_TAGS} are allowed`);
  }
  const updated = { ...policy, tags: next };
  ctx.store.put(COLLECTIONS.policies, updated);
  return updated;
}

/** Removes tags by key; `strict` reports a missing key (single delete) instead of ignoring it (batch delete). */
export function removeTags(ctx: CloudContext, policy: PolicyRecord, keys: string[], strict: boolean): PolicyRecord {
  for (const key of keys) {
    if (strict && !policy.tags.some((t) => t.key === key)) {
      throw new DomainError("tag-not-found", `tag not found: policy ${policy.id} has no tag with key "${key}"`, key);
    }
  }
  const updated = { ...policy, tags: policy.tags.filter((t) => !keys.includes(t.key)) };
  ctx.store.put(COLLECTIONS.policies, updated);
  return updated;
}

/** Whether a policy carries every `{key, values}` of a filter (empty values = any value). */
export function matchesTags(policy: PolicyRecord, filters: Array<{ key: string; values: string[] }>): boolean {
  return filters.every((f) => policy.tags.some((t) => t.key === f.key && (f.values.length === 0 || f.values.includes(t.value))));
}
