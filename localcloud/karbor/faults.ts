/**
 * Karbor's exceptions (karbor/exception.py) and the webob errors its controllers raise, as
 * {@link UpstreamException}s: each is answered with its family's status in Karbor's fault body
 * (`{"badRequest": {"code": 400, "message": "..."}}`). Every Karbor route throws these and nothing else.
 */
import { exceptionOf, httpError, UpstreamException } from "../core/upstream-exception";

const invalid = exceptionOf("karbor", "Invalid");
const notAuthorized = exceptionOf("karbor", "NotAuthorized");
const notFoundException = exceptionOf("karbor", "NotFound");
const quotaError = exceptionOf("karbor", "QuotaError");
const karborException = exceptionOf("karbor", "ServiceException");

/** `raise webob.exc.HTTP<status>(explanation=message)`. */
export function karborFault(status: number, message: string, headers?: Record<string, string>): UpstreamException {
  return httpError("karbor", status, message, headers);
}

/** `HTTPBadRequest(explanation=message)`. */
export function badRequest(message: string): UpstreamException {
  return karborFault(400, message);
}

/** `HTTPNotFound(explanation=message)`, mostly a caught `*NotFound`'s text. */
export function notFound(message: string): UpstreamException {
  return karborFault(404, message);
}

/** `InvalidInput(reason=detail)`: 400 `Invalid input received: <detail>`. */
export function invalidInput(detail: string): UpstreamException {
  return invalid("InvalidInput", `Invalid input received: ${detail}`);
}

/** `InvalidParameterValue(err=message)` (what `utils.get_bool_param` raises). */
export function invalidParameterValue(message: string): UpstreamException {
  return invalid("InvalidParameterValue", message);
}

/** `InvalidPlan(reason=detail)`. */
export function invalidPlan(detail: string): UpstreamException {
  return invalid("InvalidPlan", `Invalid plan: ${detail}`);
}

/** `InvalidOperationDefinition(reason=detail)` (no space after the colon, as upstream). */
export function invalidOperationDefinition(detail: string): UpstreamException {
  return invalid("InvalidOperationDefinition", `Invalid operation definition, reason:${detail}`);
}

/** `PolicyNotAuthorized(action=action)`: 403. */
export function policyNotAuthorized(action: string): UpstreamException {
  return notAuthorized("PolicyNotAuthorized", `Policy doesn't allow ${action} to be performed.`);
}

/** `AccessCheckpointNotAllowed`: another project's checkpoint, 403. */
export function accessCheckpointNotAllowed(checkpointId: string): UpstreamException {
  return notAuthorized("AccessCheckpointNotAllowed", `Access checkpoint ${checkpointId} is not allowed`);
}

/** The named `*NotFound` exceptions, raised where no controller catches them (404 through the fault wrapper). */
export const NOT_FOUND = {
  plan: (id: string) => notFoundException("PlanNotFound", `Plan ${id} could not be found.`),
  trigger: (id: string) => notFoundException("TriggerNotFound", `Trigger ${id} could not be found.`),
  operation: (id: string) => notFoundException("ScheduledOperationNotFound", `Scheduled Operation ${id} could not be found.`),
  restore: (id: string) => notFoundException("RestoreNotFound", `Restore ${id} could not be found.`),
  // OperationLogNotFound's template names `restore_id` while the db layer passes `operation_log_id`: the
  // formatting fails and Karbor sends the template itself.
  operationLog: (_id: string) => notFoundException("OperationLogNotFound", "OperationLog %(restore_id)s could not be found."),
  /** What the controller raises when the policy check on another project's log fails. */
  operationLogOfOtherProject: (id: string) => notFoundException("OperationLogFound", `Operation log ${id} could not be found.`),
  checkpoint: (id: string) => notFoundException("CheckpointNotFound", `Checkpoint ${id} could not be found.`),
  provider: (id: string) => notFoundException("ProviderNotFound", `Provider ${id} could not be found.`),
} as const;

/** `PlanLimitExceeded` / `CheckpointLimitExceeded` (QuotaError, 413 with Retry-After). */
export function limitExceeded(resource: "plans" | "checkpoints", allowed: number): UpstreamException {
  const name = resource === "plans" ? "PlanLimitExceeded" : "CheckpointLimitExceeded";
  return quotaError(name, `Maximum number of ${resource} allowed (${allowed}) exceeded`, { "Retry-After": "0" });
}

/** A bare `KarborException` subclass (CheckpointNotBeDeleted, CheckpointNotAvailable, ...): 500 with its text. */
export function serviceException(name: string, message: string): UpstreamException {
  return karborException(name, message);
}

/** What the trigger and scheduled-operation controllers answer for any failure they do not expect. */
export function unexpectedApiError(cause: string): UpstreamException {
  return karborFault(500, `Unexpected API Error. Please report this at http://bugs.launchpad.net/karbor/ and attach the Karbor API log if possible.\n${cause}`);
}

const UUID_RE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

/** oslo's `is_uuid_like`: dashed or plain 32 hex digits. */
export function isUuidLike(value: unknown): value is string {
  return typeof value === "string" && UUID_RE.test(value);
}
