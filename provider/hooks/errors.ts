/**
 * Turns API failures into messages for users: which resource, what the service refused, its code and request
 * id, and what to do. The service's own text is kept (it is already scrubbed of secrets by the client).
 */
import { ApiError } from "../clients/api-error";
import { TransportError } from "../clients/transport-error";
import { UserFacingError } from "./user-facing-error";

export { UserFacingError } from "./user-facing-error";

/** What to do about a service code, by code. */
const FIXES: Record<string, string> = {
  "CSBS.0001":
    "the project's policy quota (32 policies) is used up: delete policies you no longer need or ask the cloud operator for a higher quota",
  "CSBS.6004":
    "a server can be in only one policy: remove it from the other policy, or set `takeOver: true` on the association to move it",
  "CSBS.6000": "a server in `serverIds` does not exist in this project: check the id (`openstack server show <id>`)",
  "CSBS.6001": "a server is stopped abnormally or being deleted: only Running or Stopped servers can be protected",
  "CSBS.6006": "a server's state does not allow backup: only ACTIVE (Running) or SHUTOFF (Stopped) servers can be protected",
  "CSBS.6010": "a server has a shared (multi-attach) disk, which CSBS cannot back up: detach it or leave the server out",
  "CSBS.9001":
    "the service rejected a parameter: check the schedule (at most 24 runs a day, at least 1 hour apart) and that a policy holds at most 64 servers",
  "CSBS.9007":
    "policy names are unique in a project: choose another `name`, or set `adopt: true` to take over the existing policy",
  "CSBS.3000": "the policy no longer exists: run `pulumi refresh` so the stack forgets it, then `pulumi up` recreates it",
  "CSBS.2004": "a backup of this policy is running: wait for it to finish and run the command again",
  "CSBS.1001": "the policy is executing a backup: wait for it to finish and run the command again",
};

/** What to do about an HTTP status when the code is not one we know. */
function fixForStatus(status: number, service: string): string | undefined {
  // Keystone answers 404 only when the token request went to a path it does not serve: the auth URL is wrong.
  if (status === 404 && service === "Keystone") {
    return "the auth URL does not lead to Keystone's v3 API: it usually ends in `/v3` (e.g. https://iam.eu-de.otc.t-systems.com/v3); fix `csbs:authUrl`/`OS_AUTH_URL`";
  }
  if (status === 401) return "the credentials were refused: check `csbs:password`/`OS_PASSWORD` or the token, and the auth URL";
  if (status === 403) return "the user lacks a role for this call: it needs the member role on the project";
  if (status === 404) return "the object does not exist (any more): run `pulumi refresh`";
  if (status === 429 || status >= 500) return "the service is busy or failing: run the command again later";
  return undefined;
}

/** The fix sentence for an API error, if one is known. */
export function fixFor(err: ApiError): string | undefined {
  return (err.code && FIXES[err.code]) || fixForStatus(err.status, err.service);
}

/**
 * Wraps any failure of a hook into one user-facing Error.
 * @param resource how the user knows the resource, e.g. `BackupPolicy "daily"`
 * @param action what we asked for, e.g. `create policy "daily-web"`
 */
export function userError(err: unknown, resource: string, action: string): Error {
  if (err instanceof ApiError) {
    const code = err.code ? ` ${err.code}` : "";
    const request = err.requestId ? ` (request ${err.requestId})` : "";
    const fix = fixFor(err);
    const message =
      `${resource}: ${err.service} refused to ${action}: HTTP ${err.status}${code}: ${err.serviceMessage}${request}` +
      (fix ? `; ${fix}` : "");
    return withCause(message, err);
  }
  if (err instanceof TransportError) {
    return withCause(
      `${resource}: could not ${action}: ${err.message}; check that the endpoint is reachable and run the command again`,
      err,
    );
  }
  if (err instanceof UserFacingError) return err;
  const text = err instanceof Error ? err.message : String(err);
  return withCause(`${resource}: could not ${action}: ${text}`, err);
}

function withCause(message: string, cause: unknown): Error {
  return new UserFacingError(message, { cause });
}
