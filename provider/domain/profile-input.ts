/**
 * The `profile` input every resource has: the name of a stack config profile (`csbs:profiles.<name>`) whose
 * project and region the resource lives in. Only the name travels in inputs and state, never a setting.
 */
import { z } from "./zod";
import { show } from "./failures";
import { defineRule, orUnknown, says } from "./input-schema";
import { PROFILE_NAME_PATTERN } from "./profile-name";

export { PROFILE_NAME_PATTERN };

const PROFILE = defineRule(
  "profile.name",
  ({ input }) => `is ${show(input)}: a profile is the name of a stack config profile, 1 to 64 letters, digits, _ or -; e.g. "paris" for csbs:profiles.paris`,
);

/** The optional `profile` input. */
export const profileSchema = orUnknown(z.string(says(PROFILE)).regex(PROFILE_NAME_PATTERN, says(PROFILE))).optional();
