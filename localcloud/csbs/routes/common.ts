/** What every CSBS route does first: scope the caller to the path's project, check the role, settle due work. */
import type { AuthContext, CloudContext, CloudReply, CloudRequest, Handler } from "../../core/contracts";
import { ReplyError } from "../../core/contracts";
import { settle } from "../model/backups";
import { DomainError } from "../model/domain-error";
import { applyRetention } from "../model/retention";
import { COLLECTIONS, PolicyRecord } from "../model/types";
import { csbsError, forbidden } from "../errors";
import { toCsbsError } from "./csbs-errors";

export const PREFIX = "/csbs/v1/:project_id";

export interface Scope {
  projectId: string;
  auth: AuthContext;
  /** admin with all_tenants=1/true on a list. */
  allTenants: boolean;
}

/**
 * The project in the path must be the token's (Karbor answers 400 "Malformed request url"); an admin may act
 * on any project. Readers may only GET.
 */
export function scope(ctx: CloudContext, req: CloudRequest): Scope {
  const auth = req.auth;
  if (!auth) throw csbsError(401, "APIGW.0301", "The request you have made requires authentication.");
  const projectId = req.params.project_id;
  if (projectId !== auth.projectId && !auth.isAdmin) {
    // Karbor's exact text; it says nothing about whether the other project exists.
    throw csbsError(400, "CSBS.9001", "Malformed request url");
  }
  const writes = req.method !== "GET" && req.method !== "HEAD";
  if (writes && !auth.isAdmin && !auth.roles.includes("member")) throw forbidden(`${req.method} ${req.path}`);
  const flag = (req.query.get("all_tenants") ?? "").toLowerCase();
  return { projectId, auth, allTenants: auth.isAdmin && (flag === "1" || flag === "true") };
}

/** Applies due transitions (and the retention they trigger) so every reply shows the state at the clock's now. */
export function settleNow(ctx: CloudContext): void {
  const now = ctx.clock.now();
  for (const id of settle(ctx, now)) {
    const policy = ctx.store.get(COLLECTIONS.policies, id);
    if (policy) applyRetention(ctx, policy, now);
  }
}

/** Wraps a handler: scope + settle first, domain errors become CSBS replies. */
export function route(ctx: CloudContext, fn: (req: CloudRequest, scope: Scope) => CloudReply | Promise<CloudReply>): Handler {
  return async (req) => {
    try {
      const s = scope(ctx, req);
      settleNow(ctx);
      return await fn(req, s);
    } catch (e) {
      if (e instanceof DomainError) throw toCsbsError(e);
      throw e;
    }
  };
}

export function ok(body?: unknown, status = 200): CloudReply {
  return body === undefined ? { status } : { status, body };
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The object under `key` of the body, or 400 naming the expected shape. */
export function wrapped(body: unknown, key: string, example: string): Record<string, unknown> {
  if (!isObject(body) || !isObject(body[key])) {
    throw csbsError(400, "CSBS.9001", `Parameter verification failed: the body must be {"${key}": {...}}, e.g. ${example}`);
  }
  return body[key] as Record<string, unknown>;
}

export { ReplyError };
