import { createHash } from "node:crypto";

/**
 * The ownership marker the provider writes on every policy it creates (hidden input `__owner`): the first 32 hex
 * characters of sha256(project/stack/resourceName). Deterministic like the default name, so a policy left behind
 * by an interrupted create is recognisably this resource's on the next `up`; it names no secret and fits a CSBS
 * tag value (at most 43 characters of letters, digits, `_` or `-`).
 */
export function ownerMarker(project: string, stack: string, resourceName: string): string {
  return createHash("sha256").update(`${project}/${stack}/${resourceName}`).digest("hex").slice(0, 32);
}
