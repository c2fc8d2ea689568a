/**
 * The exceptions of the OpenStack services the local cloud imitates, mapped to HTTP statuses in one place.
 * Karbor, Cinder and Nova raise named exceptions (`PlanNotFound`, `AccessCheckpointNotAllowed`, `InvalidInput`)
 * that belong to a family (`NotFound`, `NotAuthorized`, `Invalid`, ...); their fault layers answer the family's
 * status with the exception's message, and a controller may also raise a webob HTTP error directly. Routes throw
 * an {@link UpstreamException}; as a `ReplyError` it already carries the reply in the service's dialect.
 */
import { ReplyError, type ServiceName } from "./contracts";
import { serviceError } from "./errors";

/** The base classes of the services' exception trees, and a webob error raised with its own status. */
export type ExceptionFamily =
  | "Invalid" // InvalidInput, InvalidParameterValue, InvalidPlan, ... → 400
  | "NotAuthorized" // PolicyNotAuthorized, AccessCheckpointNotAllowed, ... → 403
  | "NotFound" // PlanNotFound, TriggerNotFound, ... → 404
  | "QuotaError" // PlanLimitExceeded, CheckpointLimitExceeded → 413
  | "ServiceException" // a bare KarborException / CinderException: its default code 500
  | "HTTPError"; // webob.exc.HTTP*(explanation=...) raised by a controller: the status it names

const FAMILY_STATUS: Record<Exclude<ExceptionFamily, "HTTPError">, number> = {
  Invalid: 400,
  NotAuthorized: 403,
  NotFound: 404,
  QuotaError: 413,
  ServiceException: 500,
};

/** The status an exception of `family` is answered with (`status` only for a webob error). */
export function familyStatus(family: ExceptionFamily, status?: number): number {
  if (family === "HTTPError") {
    if (status === undefined) throw new Error("an HTTPError names its status");
    return status;
  }
  return FAMILY_STATUS[family];
}

export class UpstreamException extends ReplyError {
  readonly status: number;

  constructor(
    readonly service: ServiceName,
    /** The upstream class name, e.g. `PlanNotFound` or `HTTPBadRequest`. */
    readonly exceptionName: string,
    readonly family: ExceptionFamily,
    readonly detail: string,
    options: { status?: number; headers?: Record<string, string> } = {},
  ) {
    const status = familyStatus(family, options.status);
    super(serviceError(service, status, detail, options.headers ? { headers: options.headers } : {}));
    this.status = status;
  }
}

/** A family's exception maker for one service: `exceptionOf("karbor", "NotFound")("PlanNotFound", "Plan x could not be found.")`. */
export function exceptionOf(service: ServiceName, family: Exclude<ExceptionFamily, "HTTPError">) {
  return (name: string, detail: string, headers?: Record<string, string>): UpstreamException =>
    new UpstreamException(service, name, family, detail, headers ? { headers } : {});
}

const WEBOB_NAMES: Record<number, string> = {
  400: "HTTPBadRequest",
  403: "HTTPForbidden",
  404: "HTTPNotFound",
  409: "HTTPConflict",
  413: "HTTPRequestEntityTooLarge",
  424: "HTTPFailedDependency",
  500: "HTTPInternalServerError",
};

/** What `raise webob.exc.HTTP<status>(explanation=detail)` answers. */
export function httpError(service: ServiceName, status: number, detail: string, headers?: Record<string, string>): UpstreamException {
  return new UpstreamException(service, WEBOB_NAMES[status] ?? `HTTP${status}`, "HTTPError", detail, { status, ...(headers ? { headers } : {}) });
}
