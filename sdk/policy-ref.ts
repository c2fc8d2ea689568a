/**
 * Internal to the SDK (not exported from the package): the key that groups associations of one policy in a
 * preview, before the policy's id is known.
 */
import * as pulumi from "@pulumi/pulumi";
import { BackupPolicy } from "./backup-policy";

/**
 * A key for the policy behind `policyId` that is known even in a preview where the policy id is not: the URN of
 * the BackupPolicy whose output it is. Deployment-wide rules (64 servers per policy) group associations by it.
 * Falls back to the policy id itself (a literal id, or an output of something else).
 */
export function policyRefOf(policyId: pulumi.Input<string>): pulumi.Input<string> {
  if (!pulumi.Output.isInstance(policyId)) return policyId;
  // `resources()` is not in the public typings, but every Output carries the resources it came from.
  const resources = (policyId as unknown as { resources?: () => Set<unknown> }).resources?.() ?? new Set<unknown>();
  for (const resource of resources) {
    if (BackupPolicy.isInstance(resource)) return resource.urn;
  }
  return policyId;
}
