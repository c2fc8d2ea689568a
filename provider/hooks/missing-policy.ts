/**
 * An association whose `policyId` is known in the preview (a literal id, or the id of a policy in state) must
 * name a policy of the project: otherwise the preview said "+ 1 to create" and the `up` failed.
 */
import type { PolicyRecord } from "../backends/policy-backend";
import { failure, type CheckFailure } from "../domain/failures";

export function missingPolicyFailures(policyId: string | undefined, live: readonly PolicyRecord[]): CheckFailure[] {
  if (policyId === undefined || live.some((p) => p.id === policyId)) return [];
  return [
    failure(
      "policyId",
      "policy.notFound",
      `is "${policyId}": no backup policy with this id exists in the project; use the id of an existing policy (usually \`policy.id\` of a BackupPolicy), ` +
        "or run `pulumi refresh` if it was deleted outside Pulumi",
    ),
  ];
}
