import { createHash } from "node:crypto";

/**
 * The policy name used when `name` is not given: `${resourceName}-${7 hex}`. The suffix is a hash of
 * project, stack and resource name rather than random, so a preview and the following `up` agree on it and
 * the live quota and uniqueness checks see the same name the create will use.
 */
export function defaultPolicyName(project: string, stack: string, resourceName: string): string {
  const digest = createHash("sha256").update(`${project}/${stack}/${resourceName}`).digest("hex");
  return `${resourceName}-${digest.slice(0, 7)}`;
}
