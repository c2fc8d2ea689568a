/**
 * The live, deployment-wide rules a BackupPolicy's `check` applies, so a pull-request preview fails before
 * anything is created: the project's policy quota and unique names (a live policy that carries this resource's
 * ownership marker is its own, left by an interrupted create, and passes).
 */
import type { PolicyRecord } from "../backends/policy-backend";
import { failure, type CheckFailure } from "../domain/failures";
import { checkPolicyQuota } from "../domain/membership";
import type { PolicyInputs } from "../domain/policy-inputs";
import { isUnknown } from "../domain/unknown";
import { policyDifferences } from "./policy-match";
import { claimOf } from "./policy-ownership";
import { serverBackupPlanName, type DeploymentSnapshot, type PolicyEntry } from "../runtime/deployment-registry";
import { specFromInputs } from "./policy-state";

export interface PolicyRuleInputs {
  entry: PolicyEntry;
  inputs: PolicyInputs;
  /** The SDK generated the name from project, stack and resource name: a live policy of that name is ours. */
  autoNamed: boolean;
  /** The resource's ownership marker (hidden input `__owner`): a live policy carrying it is this resource's. */
  owner?: string;
  live: readonly PolicyRecord[];
  /**
   * The project's policy quota. Needed only when `createsPolicy` is true: a check that creates no policy does
   * not read it (an up that only changes servers sends no quota request).
   */
  quota?: number;
  /** This deployment's declarations so far, in the policy's project and region. */
  deployment: DeploymentSnapshot;
  /** How to name the project and region, e.g. `project "demo" in region "RegionOne" (profile "paris")`. @default "the project" */
  place?: string;
}

/**
 * Whether the declaration counts as a new policy under the quota: a create, or a rename to a name no live
 * policy holds. Only then does the quota rule apply (and the quota need reading).
 */
export function createsPolicy(entry: PolicyEntry, name: PolicyInputs["name"], live: readonly PolicyRecord[]): boolean {
  if (entry.creates) return true;
  return !isUnknown(name) && name !== entry.oldPolicyName && !live.some((p) => p.name === name);
}

/** Pure: every failure of the live name and quota rules for one policy, from a snapshot of the cloud and the deployment. */
export function policyRuleFailures(args: PolicyRuleInputs): CheckFailure[] {
  const { entry, inputs, live, quota } = args;
  const failures: CheckFailure[] = [];
  const name = inputs.name;
  const known = !isUnknown(name);
  const holder = known ? live.find((p) => p.name === name) : undefined;
  const willCreate = createsPolicy(entry, name, live);

  if (holder && entry.creates) {
    const claim = claimOf(holder, { owner: args.owner, adopt: inputs.adopt, autoNamed: args.autoNamed });
    if (claim.kind === "refuse") {
      failures.push(failure("name", "policy.nameTaken", `is "${name}", ${claim.reason}`));
    } else if (claim.kind === "adopt") {
      const diffs = policyDifferences(holder, specFromInputs(inputs));
      if (diffs.length > 0) {
        failures.push(
          failure(
            "name",
            "policy.adoptMismatch",
            `is "${name}", the name of existing policy ${holder.id}, which does not match this declaration (${diffs.join("; ")}): ` +
              (inputs.adopt
                ? "change the declaration to match the policy, or change the policy in the console, then run again"
                : "choose another `name`, or set `adopt: true` after making the declaration match"),
          ),
        );
      }
    }
    // `recover`: this resource's own policy from an interrupted create; the create brings it to the declaration.
  } else if (holder && !entry.creates && entry.oldPolicyName !== undefined && name !== entry.oldPolicyName) {
    failures.push(failure("name", "policy.nameTaken", `is "${name}", already used by policy ${holder.id} in this project: policy names are unique; choose another name`));
  }

  if (willCreate) {
    // A caller that skipped the quota read for a policy it creates would pass the rule silently: refuse loudly.
    if (quota === undefined) throw new Error("policyRuleFailures: the quota is needed for a declaration that creates a policy (createsPolicy)");
    const deployment = args.deployment.policies;
    // A renamed policy of this deployment is the same live policy under its old name: do not count it twice.
    const renamedFrom = new Set(deployment.filter((p) => p.oldPolicyName !== p.policyName).map((p) => p.oldPolicyName));
    const message = checkPolicyQuota({
      livePolicyNames: live.map((p) => p.name).filter((n) => !renamedFrom.has(n)),
      newPolicyNames: [
        ...deployment.map((p) => p.policyName ?? `(not yet known: ${p.resourceName})`),
        // Karbor: each ServerBackup takes a plan while its backup is made.
        ...(args.deployment.serverBackups ?? []).map(serverBackupPlanName),
      ],
      limit: quota,
    });
    if (message) {
      // No property is to blame: the quota is the deployment's, not this policy's name's.
      const names = deployment.map((p) => `\`${p.resourceName}\``).sort().join(", ");
      failures.push(failure("", "quota.policiesPerProject", `this deployment's policies (${names}) would exceed the policy quota of ${args.place ?? "the project"}: ${message}`));
    }
  }
  return failures;
}
