/**
 * Role checks for handlers: reader may read, member may write, admin may do everything. A failed check
 * answers 403 in the calling service's dialect.
 */
import type { AuthContext, CloudRequest, ServiceName } from "./contracts";
import { fail } from "./errors";

export type RoleNeed = "reader" | "member" | "admin";

/** True when the caller holds the role (implied roles included). */
export function hasRole(auth: AuthContext | undefined, need: RoleNeed): boolean {
  if (!auth) return false;
  if (auth.isAdmin || auth.roles.includes("admin")) return true;
  if (need === "admin") return false;
  if (auth.roles.includes("member") || auth.roles.includes("_member_")) return true;
  return need === "reader" && auth.roles.includes("reader");
}

function requireRole(req: CloudRequest, service: ServiceName, need: RoleNeed, action: string): AuthContext {
  const auth = req.auth;
  if (!auth) return fail(service, 401, "The request you have made requires authentication.");
  if (!hasRole(auth, need)) {
    fail(service, 403, `Policy doesn't allow ${action} to be performed: it needs the ${need} role on the project`);
  }
  return auth;
}

/** Requires read access (reader, member or admin); returns the caller. */
export function requireRead(req: CloudRequest, service: ServiceName, action = `${service}:read`): AuthContext {
  return requireRole(req, service, "reader", action);
}

/** Requires write access (member or admin); returns the caller. */
export function requireWrite(req: CloudRequest, service: ServiceName, action = `${service}:write`): AuthContext {
  return requireRole(req, service, "member", action);
}

/** Requires the admin role; returns the caller. */
export function requireAdmin(req: CloudRequest, service: ServiceName, action = `${service}:admin`): AuthContext {
  return requireRole(req, service, "admin", action);
}

/**
 * Requires the `{project_id}` in the URL to be the token's project. Like Karbor and Cinder, a mismatch is
 * 400 "Malformed request url", which says nothing about whether the other project exists.
 */
export function requireProjectMatch(req: CloudRequest, service: ServiceName, urlProjectId: string | undefined): AuthContext {
  const auth = req.auth;
  if (!auth) return fail(service, 401, "The request you have made requires authentication.");
  if (urlProjectId !== auth.projectId) fail(service, 400, "Malformed request url");
  return auth;
}
