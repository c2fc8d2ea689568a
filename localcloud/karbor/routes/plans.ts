/** `/plans`: create, list, show, update (only while suspended), delete (no dependency check). */
import type { CloudContext, Route } from "../../core/contracts";
import { createPlan, deletePlan, getPlan, listPlans, updatePlan } from "../model/plans";
import { filterBy, page } from "./paging";
import { readPlanCreate, readPlanUpdate } from "./plan-body";
import { ok, route, scopeOf, wrapped } from "./common";
import { planView } from "./views";

export function planRoutes(ctx: CloudContext): Route[] {
  return [
    route(ctx, "POST", "/plans", (req, s) => ok({ plan: planView(createPlan(ctx, s.projectId, readPlanCreate(wrapped(req.body, "plan")))) })),
    route(ctx, "GET", "/plans", (req, s) => {
      let rows = listPlans(ctx, s.allTenants ? undefined : s.projectId).map((p) => ({ ...planView(p), created_at: p.policy.createdAt }));
      for (const f of ["name", "status", "description"]) rows = filterBy(rows, req.query, f, (r) => (r as Record<string, unknown>)[f]);
      const { items, links } = page(rows, req.query, `${ctx.baseUrl()}/karbor/v1/${s.projectId}/plans`);
      return ok({ plans: items.map(({ created_at: _c, ...p }) => p), ...(links ? { plans_links: links } : {}) });
    }),
    route(ctx, "GET", "/plans/:plan_id", (req, s) => ok({ plan: planView(getPlan(ctx, scopeOf(s), req.params.plan_id)) })),
    route(ctx, "PUT", "/plans/:plan_id", (req, s) => {
      const patch = readPlanUpdate(wrapped(req.body, "plan"));
      return ok({ plan: planView(updatePlan(ctx, getPlan(ctx, scopeOf(s), req.params.plan_id), patch)) });
    }),
    route(ctx, "DELETE", "/plans/:plan_id", (req, s) => {
      deletePlan(ctx, getPlan(ctx, scopeOf(s), req.params.plan_id));
      return ok();
    }),
  ];
}

