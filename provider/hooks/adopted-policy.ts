/**
 * The live policy a BackupPolicy of this deployment will take over (adopt, or recover after an interrupted
 * create), found from an association's `__policyRef` (the policy resource's URN). In a preview such a policy's id
 * is not known yet, yet its servers are already in it: an association of them is no conflict.
 */
import { providerRuntime } from "../runtime/provider-runtime";

const POLICY_TYPE_SUFFIX = "csbs:BackupPolicy";

/** The id of the live policy the BackupPolicy behind `policyRef` takes over, if it takes one over. */
export function takenOverPolicyId(policyRef: string | undefined): string | undefined {
  if (!policyRef?.startsWith("urn:pulumi:")) return undefined;
  const parts = policyRef.split("::");
  const type = parts.at(-2) ?? "";
  if (!type.endsWith(POLICY_TYPE_SUFFIX)) return undefined;
  const resourceName = parts.at(-1);
  return resourceName === undefined ? undefined : providerRuntime().deployment.policy(resourceName)?.takesOverId;
}
