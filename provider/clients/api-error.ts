/**
 * The one error type for a refusal by an OpenStack service (any non-2xx answer). Messages hold the service's
 * own text, its code and the request id, never a request body or a header value, and pass through
 * `scrubSecrets` so nothing that looks like a credential survives.
 */
import { scrubPath, scrubSecrets } from "./scrub";

/** Display names of the services, as they appear in messages. */
export type ServiceName = "CSBS" | "Karbor" | "Keystone" | "Nova" | "Cinder" | (string & {});

/** What an `ApiError` is made of. */
export interface ApiErrorInit {
  status: number;
  /** CSBS `error_code`, the Karbor/Nova/Cinder fault name, or Keystone's `title`. */
  code?: string;
  /** The service's own message (already scrubbed by the caller or scrubbed here). */
  serviceMessage: string;
  requestId?: string;
  service: ServiceName;
  method: string;
  /** The path relative to the service endpoint; secret-looking query values are redacted. */
  path: string;
  /** A sentence telling the user what to do, appended to the message. */
  hint?: string;
}

/**
 * A service answered with an error status.
 *
 * `message` (and `toString()`) read like
 * `CSBS 400 CSBS.6004 on PUT /policies/3b2c…: Server (x) is already in service. (request req-…)`;
 * `serviceMessage` is the service's text alone.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code?: string;
  readonly serviceMessage: string;
  readonly requestId?: string;
  readonly service: ServiceName;
  readonly method: string;
  readonly path: string;
  readonly hint?: string;

  constructor(init: ApiErrorInit, secrets: readonly string[] = []) {
    const serviceMessage = scrubSecrets(init.serviceMessage, secrets);
    const path = scrubSecrets(scrubPath(init.path), secrets);
    const head = [init.service, String(init.status), init.code].filter((p) => p !== undefined && p !== "").join(" ");
    const request = init.requestId ? ` (request ${init.requestId})` : "";
    const hint = init.hint ? `; ${init.hint}` : "";
    super(`${head} on ${init.method} ${path}: ${serviceMessage}${request}${hint}`);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.serviceMessage = serviceMessage;
    this.requestId = init.requestId;
    this.service = init.service;
    this.method = init.method;
    this.path = path;
    this.hint = init.hint;
  }

  override toString(): string {
    return this.message;
  }
}

/** True when `err` is an `ApiError` with one of the given statuses (any status when none given). */
export function isApiError(err: unknown, ...statuses: number[]): err is ApiError {
  return err instanceof ApiError && (statuses.length === 0 || statuses.includes(err.status));
}

/** The code and message inside an OpenStack error body, whatever the dialect. */
export interface ParsedErrorBody {
  code?: string;
  message?: string;
}

function text(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

/**
 * Reads CSBS `{"error_code","error_msg"}`, Keystone `{"error":{code,message,title}}`, and the fault bodies of
 * Karbor, Nova and Cinder (`{"badRequest":{"code":400,"message":"…"}}`, the fault name becomes the code).
 */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return {};
  const o = body as Record<string, unknown>;
  if ("error_code" in o || "error_msg" in o) return { code: text(o.error_code), message: text(o.error_msg) };
  if (o.error && typeof o.error === "object" && !Array.isArray(o.error)) {
    const e = o.error as Record<string, unknown>;
    return { code: text(e.title) ?? text(e.code), message: text(e.message) };
  }
  if (typeof o.message === "string") return { code: text(o.code), message: o.message };
  const keys = Object.keys(o);
  if (keys.length === 1) {
    const fault = o[keys[0]];
    if (fault && typeof fault === "object" && !Array.isArray(fault)) {
      const f = fault as Record<string, unknown>;
      if ("message" in f || "code" in f) return { code: keys[0], message: text(f.message) };
    }
  }
  return {};
}
