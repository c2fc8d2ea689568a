/** `/quotas/{project_id}`: plans and checkpoints; updates and resets are admin only. */
import type { CloudContext, Route } from "../../core/contracts";
import { badRequest, isUuidLike, notFound } from "../faults";
import { checkpointsInUse, DEFAULT_QUOTAS, getQuota, plansInUse, resetQuota, setQuota } from "../model/quotas";
import { ok, requireAdmin, route, wrapped, type Scope } from "./common";

function target(s: Scope, projectId: string): string {
  if (!isUuidLike(projectId)) throw badRequest("Invalid project id provided.");
  // Karbor answers 404 rather than 403 when a GET fails the policy check.
  if (!s.auth.isAdmin && projectId !== s.projectId) throw notFound(`Quota for project ${projectId} could not be found.`);
  return projectId;
}

function quotaBody(ctx: CloudContext, projectId: string) {
  const q = getQuota(ctx, projectId);
  return { quota: { id: projectId, plans: q.plans, checkpoints: q.checkpoints } };
}

export function quotaRoutes(ctx: CloudContext): Route[] {
  return [
    route(ctx, "GET", "/quotas/:target", (req, s) => ok(quotaBody(ctx, target(s, req.params.target)))),
    route(ctx, "GET", "/quotas/:target/defaults", (req, s) => {
      const id = target(s, req.params.target);
      return ok({ quota: { id, ...DEFAULT_QUOTAS } });
    }),
    route(ctx, "GET", "/quotas/:target/detail", (req, s) => {
      const id = target(s, req.params.target);
      const q = getQuota(ctx, id);
      return ok({ quota: {
        id,
        plans: { limit: q.plans, in_use: plansInUse(ctx, id), reserved: 0 },
        checkpoints: { limit: q.checkpoints, in_use: checkpointsInUse(ctx, id), reserved: 0 },
      } });
    }),
    route(ctx, "PUT", "/quotas/:target", (req, s) => {
      requireAdmin(s, "quota:update");
      const id = target(s, req.params.target);
      const body = wrapped(req.body, "quota");
      const patch: { plans?: number; checkpoints?: number } = {};
      for (const key of ["plans", "checkpoints"] as const) {
        const v = body[key];
        if (v === undefined || v === null) continue;
        const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
        if (typeof n !== "number" || !Number.isInteger(n) || n < -1) {
          throw badRequest(`Invalid input received: Quota limit ${JSON.stringify(v)} for ${key} must be an integer greater than or equal to -1`);
        }
        patch[key] = n;
      }
      setQuota(ctx, id, patch);
      return ok(quotaBody(ctx, id));
    }),
    route(ctx, "DELETE", "/quotas/:target", (req, s) => {
      requireAdmin(s, "quota:delete");
      resetQuota(ctx, target(s, req.params.target));
      return ok();
    }),
  ];
}
