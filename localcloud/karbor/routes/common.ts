/** What every Karbor route does first (scope, settle due work, domain errors as faults) and shared body checks. */
import type { AuthContext, CloudContext, CloudReply, CloudRequest, Handler, Route } from "../../core/contracts";
import { DomainError } from "../../csbs/model/domain-error";
import { settleNow } from "../../csbs/routes/common";
import { badRequest, karborFault, policyNotAuthorized } from "../faults";
import { domainException } from "./domain-exceptions";

export const PREFIX = "/karbor/v1/:project_id";

export interface Scope {
  projectId: string;
  auth: AuthContext;
  /** An admin listing with all_tenants=1. */
  allTenants: boolean;
}

/** The path's project must be the token's (Karbor: 400 "Malformed request url"); readers may only GET. */
export function scope(req: CloudRequest): Scope {
  const auth = req.auth;
  if (!auth) throw karborFault(401, "The request you have made requires authentication.");
  const projectId = req.params.project_id;
  if (projectId !== auth.projectId && !auth.isAdmin) throw badRequest("Malformed request url");
  const writes = req.method !== "GET" && req.method !== "HEAD";
  if (writes && !auth.isAdmin && !auth.roles.includes("member")) {
    throw policyNotAuthorized(`${req.method} ${req.path}`);
  }
  const flag = (req.query.get("all_tenants") ?? "").toLowerCase();
  return { projectId, auth, allTenants: auth.isAdmin && (flag === "1" || flag === "true") };
}

type Fn = (req: CloudRequest, scope: Scope) => CloudReply | Promise<CloudReply>;

export function route(ctx: CloudContext, method: Route["method"], path: string, fn: Fn): Route {
  const handler: Handler = async (req) => {
    try {
      const s = scope(req);
      settleNow(ctx);
      return await fn(req, s);
    } catch (e) {
      if (e instanceof DomainError) throw domainException(e);
      throw e;
    }
  };
  return { method, pattern: `${PREFIX}${path}`, service: "karbor", auth: "token", handler };
}

export function ok(body?: unknown): CloudReply {
  return body === undefined ? { status: 200 } : { status: 200, body };
}

export function requireAdmin(s: Scope, action: string): void {
  if (!s.auth.isAdmin) throw policyNotAuthorized(action);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** JSON-schema style: the body is `{"<key>": {...}}` with no other top-level key. */
export function wrapped(body: unknown, key: string): Record<string, unknown> {
  if (!isObject(body) || body[key] === undefined) throw badRequest(`'${key}' is a required property`);
  const extra = Object.keys(body).filter((k) => k !== key);
  if (extra.length > 0) throw badRequest(additional(extra));
  const inner = body[key];
  if (!isObject(inner)) throw badRequest(`Invalid input for field/attribute ${key}. Value: ${JSON.stringify(inner)}. ${JSON.stringify(inner)} is not of type 'object'`);
  return inner;
}

export function additional(keys: string[]): string {
  return `Additional properties are not allowed (${keys.map((k) => `'${k}'`).join(", ")} ${keys.length === 1 ? "was" : "were"} unexpected)`;
}

/** Rejects keys outside `allowed`. */
export function onlyKeys(o: Record<string, unknown>, allowed: string[]): void {
  const extra = Object.keys(o).filter((k) => !allowed.includes(k));
  if (extra.length > 0) throw badRequest(additional(extra));
}

export function typeError(field: string, value: unknown, type: string): never {
  throw badRequest(`Invalid input for field/attribute ${field}. Value: ${JSON.stringify(value)}. ${JSON.stringify(value)} is not of type '${type}'`);
}

/** Karbor's `name` format: a string, not null, not empty or blank, at most 255 characters. */
export function checkName(value: unknown, field = "name"): string {
  if (value === null) throw badRequest(`The '${field}' can not be None.`);
  if (typeof value !== "string") typeError(field, value, "string");
  if (value.trim() === "") throw badRequest(`The '${field}' can not be empty.`);
  if (value.length > 255) throw badRequest(`Invalid input for field/attribute ${field}. Value: ${value}. '${value.slice(0, 20)}...' is too long`);
  return value;
}

/** Karbor's `description`: string or null, at most 255 printable characters. */
export function checkDescription(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") typeError("description", value, "string");
  // eslint-disable-next-line no-control-regex
  if (value.length > 255 || /[\u0000-\u001f\u007f]/.test(value)) {
    throw badRequest(`Invalid input for field/attribute description. Value: ${value}. the description must be at most 255 printable characters`);
  }
  return value;
}

/** An admin may address any project's objects; everyone else only the token's project. */
export function scopeOf(s: Scope): string | undefined {
  return s.auth.isAdmin ? undefined : s.projectId;
}
