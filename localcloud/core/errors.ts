/**
 * Error replies in each dialect the local cloud speaks. Services build their errors with these helpers so
 * that every error body looks like the real service's, and the core uses them for its own errors
 * (404/405 routing, 400 malformed JSON, 401, 403, 413, injected faults, 500).
 */
import { ReplyError, type CloudReply, type ServiceName } from "./contracts";

/** CSBS v1 body: `{"error_code": "CSBS.9001", "error_msg": "..."}`. */
export interface CsbsErrorBody {
  error_code: string;
  error_msg: string;
}

/** Karbor/Nova/Cinder fault body: `{"itemNotFound": {"code": 404, "message": "..."}}`. */
export type FaultBody = Record<string, { code: number; message: string; retryAfter?: string }>;

/** Keystone body: `{"error": {"code": 401, "message": "...", "title": "Unauthorized"}}`. */
export interface KeystoneErrorBody {
  error: { code: number; message: string; title: string };
}

const FAULT_NAMES: Record<number, string> = {
  400: "badRequest",
  401: "unauthorized",
  403: "forbidden",
  404: "itemNotFound",
  405: "badMethod",
  409: "conflictingRequest",
  413: "overLimit",
  415: "badMediaType",
  501: "notImplemented",
  503: "serviceUnavailable",
};

/** The fault name oslo/Nova/Karbor use for a status (`computeFault` for any status not in the table). */
export function faultName(status: number): string {
  return FAULT_NAMES[status] ?? "computeFault";
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Request Entity Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The HTTP reason phrase Keystone puts in `title`. */
export function statusTitle(status: number): string {
  return TITLES[status] ?? "Error";
}

/**
 * The error code CSBS-dialect errors carry when the caller gives none. The gateway codes (APIGW.*) are what
 * Open Telekom Cloud's API gateway answers before the request reaches CSBS (bad token, unknown path).
 */
export function defaultCsbsCode(status: number): string {
  switch (status) {
    case 401:
      return "APIGW.0301";
    case 403:
      return "APIGW.0302";
    case 404:
    case 405:
      return "APIGW.0101";
    case 413:
      return "APIGW.0201";
    case 429:
      return "APIGW.0308";
    case 503:
      return "CSBS.9998";
    default:
      return status >= 500 ? "CSBS.9999" : "CSBS.9001";
  }
}

/** A CSBS error reply; `code` defaults by status (see {@link defaultCsbsCode}). */
export function csbsError(status: number, message: string, code?: string, headers?: Record<string, string>): CloudReply {
  const body: CsbsErrorBody = { error_code: code ?? defaultCsbsCode(status), error_msg: message };
  return { status, body, ...(headers ? { headers } : {}) };
}

/** A Karbor/Nova/Cinder fault reply; a 413 also carries `retryAfter` (and the header), as Karbor does. */
export function faultError(status: number, message: string, headers?: Record<string, string>): CloudReply {
  const name = faultName(status);
  const inner: { code: number; message: string; retryAfter?: string } = { code: status, message };
  let outHeaders = headers;
  if (status === 413) {
    const retryAfter = headers?.["Retry-After"] ?? "0";
    inner.retryAfter = retryAfter;
    outHeaders = { ...(headers ?? {}), "Retry-After": retryAfter };
  }
  const body: FaultBody = { [name]: inner };
  return { status, body, ...(outHeaders ? { headers: outHeaders } : {}) };
}

/** A Keystone error reply. */
export function keystoneError(status: number, message: string, headers?: Record<string, string>): CloudReply {
  const body: KeystoneErrorBody = { error: { code: status, message, title: statusTitle(status) } };
  return { status, body, ...(headers ? { headers } : {}) };
}

/** Keystone's exact 401 message. */
export const KEYSTONE_UNAUTHORIZED = "The request you have made requires authentication.";

/** An error reply in the dialect of `service` (CSBS, fault, or Keystone/admin). */
/** Glance answers errors as plain text: the status line, a blank line, the explanation. */
export function glanceError(status: number, message: string, headers?: Record<string, string>): CloudReply {
  return { status, body: `${status} ${statusTitle(status)}\n\n${message}\n\n   `, headers: { "Content-Type": "text/plain; charset=UTF-8", ...(headers ?? {}) } };
}

export function serviceError(
  service: ServiceName,
  status: number,
  message: string,
  options: { code?: string; headers?: Record<string, string> } = {},
): CloudReply {
  switch (service) {
    case "csbs":
      return csbsError(status, message, options.code, options.headers);
    case "compute":
    case "volume":
    case "karbor":
      return faultError(status, message, options.headers);
    case "image":
      return glanceError(status, message, options.headers);
    case "identity":
    case "admin":
      return keystoneError(status, message, options.headers);
  }
}

/** Throws a {@link ReplyError} carrying {@link serviceError}'s reply. */
export function fail(
  service: ServiceName,
  status: number,
  message: string,
  options: { code?: string; headers?: Record<string, string> } = {},
): never {
  throw new ReplyError(serviceError(service, status, message, options));
}

/** The message every dialect uses when a request lacks a valid token. */
export function unauthorizedMessage(service: ServiceName): string {
  return service === "csbs"
    ? "Incorrect IAM authentication information: the X-Auth-Token is missing, malformed, expired or revoked"
    : KEYSTONE_UNAUTHORIZED;
}
