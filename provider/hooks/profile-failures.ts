/**
 * How check reports what is wrong with a resource's profile: one the stack config does not define is a failure
 * of the `profile` input (rule `profile.notDefined`); a refusal by the cloud of a profile's connection names the
 * profile and where each of its settings came from, so the user knows which key to fix.
 */
import { UndefinedProfileError } from "../config/profile-source";
import { describeSettings } from "../config/describe-settings";
import type { Settings } from "../config/settings";
import { failure, type CheckFailure } from "../domain/failures";

/** The failure of the `profile` input when `err` says the profile is not defined; else undefined. */
export function undefinedProfileFailure(err: unknown): CheckFailure | undefined {
  if (!(err instanceof UndefinedProfileError)) return undefined;
  return failure("profile", "profile.notDefined", `is "${err.profile}": ${err.message}`);
}

/**
 * What to add to a failure of a profile's connection: its settings and their sources, secrets as `[secret]`.
 * Nothing for the stack-wide settings (their errors already say which keys to check).
 */
export function profileSettingsNote(settings: Settings | undefined): string {
  if (settings?.profile === undefined) return "";
  const described = describeSettings(settings).split("\n").filter((line) => !line.startsWith("profile="));
  return ` (profile "${settings.profile}": ${described.join(", ")})`;
}
