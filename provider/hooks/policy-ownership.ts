/**
 * Who may take a live policy that already has the declared name, decided the same way in check (so the preview
 * after a crash passes) and in create. A policy carrying this resource's ownership marker was left by an
 * interrupted create of this very resource; anything else stays someone else's unless the user says `adopt: true`.
 * Also the tag rules the marker brings: it takes one of the service's 10 tag slots and its key is reserved.
 */
import { isOwnerMarker, OWNER_TAG_KEY } from "../backends/ownership-marker";
import type { PolicyRecord } from "../backends/policy-backend";
import { childPath, failure, type CheckFailure } from "../domain/failures";
import { isRecord } from "../domain/coerce";
import { LIMITS } from "../domain/limits";

/** The user tags a policy may hold: the service's limit less the marker's slot. */
export const USER_TAGS_MAX = LIMITS.tagsMax - 1;

/** What the resource brings to the decision. */
export interface Claimant {
  /** The resource's ownership marker (hidden input `__owner`), when the SDK sent one. */
  owner?: string;
  adopt: boolean;
  /** The SDK derived the name from project, stack and resource name. */
  autoNamed: boolean;
}

/**
 * - `recover`: ours, from an interrupted create; update it to the declared state.
 * - `adopt`: take it over if it matches the declaration (and mark it ours).
 * - `refuse`: someone else's; `reason` says why and how to proceed (follows `is "<name>", `).
 */
export type NameClaim = { kind: "recover" } | { kind: "adopt" } | { kind: "refuse"; reason: string };

export function claimOf(holder: PolicyRecord, who: Claimant): NameClaim {
  if (who.owner !== undefined && holder.owner === who.owner) return { kind: "recover" };
  if (who.adopt) return { kind: "adopt" };
  // A policy without a marker under the derived name was left by a version that wrote no marker.
  if (who.autoNamed && holder.owner === undefined) return { kind: "adopt" };
  const whose = holder.owner === undefined ? "" : ", which another Pulumi resource or stack created (its ownership marker is not this resource's)";
  const rename = who.autoNamed ? "set another `name`" : "choose another name";
  return {
    kind: "refuse",
    reason: `already used by policy ${holder.id} in this project${whose}: policy names are unique; ${rename}, or set \`adopt: true\` to take that policy over`,
  };
}

/** The hidden input `__owner`, when it is a valid marker. */
export function ownerInput(value: unknown): string | undefined {
  return isOwnerMarker(value) ? value : undefined;
}

/** Failures for the tag slot the marker takes and its reserved key. Raw tags: what the user wrote. */
export function ownerTagFailures(rawTags: unknown): CheckFailure[] {
  if (!isRecord(rawTags)) return [];
  const failures: CheckFailure[] = [];
  const keys = Object.keys(rawTags);
  if (keys.length > USER_TAGS_MAX) {
    failures.push(
      failure(
        "tags",
        "tags.tooManyWithMarker",
        `has ${keys.length} tags: a policy takes at most ${USER_TAGS_MAX} here, because the service allows ${LIMITS.tagsMax} and pulumi-csbs ` +
          `keeps one (\`${OWNER_TAG_KEY}\`) to recognise its own policies after an interrupted deployment; remove ${keys.length - USER_TAGS_MAX}`,
      ),
    );
  }
  for (const key of keys) {
    if (key.trim() === OWNER_TAG_KEY) {
      failures.push(failure(childPath("tags", key), "tags.reservedKey", `uses the reserved key "${OWNER_TAG_KEY}": pulumi-csbs writes it to mark the policies it creates; rename the tag`));
    }
  }
  return failures;
}

/** True for the domain's own tag-count failure, which the stricter count of {@link ownerTagFailures} replaces. */
export function isTagCountFailure(f: CheckFailure): boolean {
  return f.rule === "tags.tooMany";
}
