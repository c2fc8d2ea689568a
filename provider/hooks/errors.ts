/**
 * Turns API failures into messages for users: which resource, what the service refused, its code and request
 * id, and what to do. The service's own text is kept (it is already scrubbed of secrets by the client).
 */
import { ApiError } from "../clients/api-error";
import { TransportError } from "../clients/transport-error";
import { PolicyNotFoundError } from "../backends/policy-backend";
import { fixFor, POLICY_GONE_FIX } from "./service-error-fixes";
import { UserFacingError } from "./user-facing-error";

export { fixFor } from "./service-error-fixes";

export { UserFacingError } from "./user-facing-error";

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
  if (err instanceof PolicyNotFoundError) {
    return withCause(`${resource}: could not ${action}: ${err.message} (any more); ${POLICY_GONE_FIX}`, err);
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
