/**
 * An association lives in its policy's project: when `policyId` is the output of a BackupPolicy of the program,
 * the association takes that policy's profile, and an explicit `profile` that names another one is refused
 * (rule `association.profileMismatch`) before anything is looked up in the wrong project.
 */
import type { AssociationInputs } from "../domain/association-inputs";
import { failure, type CheckFailure } from "../domain/failures";
import { isUnknown } from "../domain/unknown";

function named(profile: string): string {
  return profile === "" ? "the stack-wide settings (no profile)" : `profile "${profile}"`;
}

/**
 * The inputs with the profile in effect, or the mismatch failure.
 * @param policyProfile the policy's profile ("" = stack-wide) when `policyId` is a BackupPolicy of the program
 */
export function inheritProfile(inputs: AssociationInputs, policyProfile: string | undefined): { inputs: AssociationInputs } | { failure: CheckFailure } {
  const explicit = inputs.profile;
  if (policyProfile === undefined || isUnknown(policyProfile)) return { inputs };
  if (explicit === undefined) return { inputs: policyProfile === "" ? inputs : { ...inputs, profile: policyProfile } };
  if (isUnknown(explicit) || explicit === policyProfile) return { inputs };
  return {
    failure: failure(
      "profile",
      "association.profileMismatch",
      `is "${explicit}", but its policy is in ${named(policyProfile)}: an association lives in its policy's project and region; ` +
        "remove `profile` from the association (it follows its policy), or give the policy the same profile",
    ),
  };
}
