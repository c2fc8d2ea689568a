/**
 * Internal to the SDK: which profile a BackupPolicy of the program was declared with, so an association whose
 * `policyId` is that policy's id takes the same profile. Kept under a `Symbol.for` key on the policy object, so
 * two loaded copies of this package still see it.
 */
import * as pulumi from "@pulumi/pulumi";

const PROFILE = Symbol.for("pulumi-csbs.policy-profile");

type WithProfile = { [PROFILE]?: pulumi.Input<string> | null };

/** Records the profile a BackupPolicy was declared with (`undefined`: the stack-wide settings). */
export function rememberProfile(policy: object, profile: pulumi.Input<string> | undefined): void {
  (policy as WithProfile)[PROFILE] = profile ?? null;
}

/**
 * The profile of the BackupPolicy `policyId` is an output of: its name, "" for the stack-wide settings, or
 * undefined when `policyId` is not the output of such a policy (a literal id, another resource's output).
 */
export function policyProfileOf(policyId: pulumi.Input<string>, isPolicy: (r: unknown) => boolean): pulumi.Input<string> | undefined {
  if (!pulumi.Output.isInstance(policyId)) return undefined;
  // `resources()` is not in the public typings, but every Output carries the resources it came from.
  const resources = (policyId as unknown as { resources?: () => Set<unknown> }).resources?.() ?? new Set<unknown>();
  for (const resource of resources) {
    if (!isPolicy(resource) || !(PROFILE in (resource as object))) continue;
    return (resource as WithProfile)[PROFILE] ?? "";
  }
  return undefined;
}
