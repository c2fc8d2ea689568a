/**
 * What a profile name is, apart from its input schema (./profile-input): reading the stack config's profiles
 * needs the pattern, not zod.
 */

/** A profile name: one step of a `pulumi config set --path` path, so no dots or brackets. */
export const PROFILE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
