/** How the core turns an `X-Auth-Token` into an {@link AuthContext}: built-in Keystone or a real one. */
import type { AuthContext } from "./contracts";

export interface TokenValidator {
  /** The caller behind a token, or undefined when the token is unknown, expired or revoked. */
  validate(token: string): Promise<AuthContext | undefined>;
}

/** Adds the implied roles: admin implies member and reader; member implies reader. */
export function expandRoles(roles: readonly string[]): string[] {
  const out = new Set(roles.map((r) => r.toLowerCase()));
  if (out.has("admin")) out.add("member");
  // Older clouds name the member role `_member_`; treat it as member.
  if (out.has("_member_")) out.add("member");
  if (out.has("member")) out.add("reader");
  return [...out].sort();
}
