/**
 * The ownership marker: a short, non-secret value derived by the SDK from Pulumi project, stack and resource
 * name, written on every policy the provider creates. A policy whose create was interrupted before the engine
 * recorded it (provider or CLI killed after the POST) is then recognisably this resource's, so the next create
 * takes it over instead of failing on the duplicate name. On CSBS it is a policy tag; on Karbor it travels in the
 * trigger name with the other metadata. The backends hide it from `tags`: users never see it in outputs or diffs.
 */

/** The CSBS tag key that carries the marker. */
export const OWNER_TAG_KEY = "pulumi-csbs-owner";

/** A marker is what a tag value may hold: 1-43 letters, digits, `_` or `-`. */
const MARKER = /^[A-Za-z0-9_-]{1,43}$/;

/** True when `value` can be written as a marker (the SDK's own values always can). */
export function isOwnerMarker(value: unknown): value is string {
  return typeof value === "string" && MARKER.test(value);
}

/** The user's tags and the marker, split from the tags as the cloud stores them. */
export function splitOwnerTag(tags: Record<string, string>): { tags: Record<string, string>; owner?: string } {
  if (!Object.prototype.hasOwnProperty.call(tags, OWNER_TAG_KEY)) return { tags };
  const { [OWNER_TAG_KEY]: owner, ...rest } = tags;
  return { tags: rest, owner };
}

/**
 * The tags to store: the user's plus the marker. Without a new marker the current one is kept, so a tag update
 * from a state written before markers existed never strips a marker.
 */
export function withOwnerTag(tags: Record<string, string>, owner: string | undefined, currentOwner?: string): Record<string, string> {
  const marker = owner ?? currentOwner;
  return marker === undefined ? { ...tags } : { ...tags, [OWNER_TAG_KEY]: marker };
}
