/** `/plans`: create, list, show, update (only while suspended), delete (no dependency check). */
import type { CloudContext, Route } from "../../core/contracts";
import { createPlan, deletePlan, findPlan, getPlan, listPlans, updatePlan, type Plan } from "../model/plans";
import { NOT_FOUND } from "../faults";
import { listIndex } from "../query/list-index";
import { PLAN_MODEL } from "../query/models";
import { pythonJsonDumps } from "../query/python-json";
import { readPlanCreate, readPlanUpdate } from "./plan-body";
import { ok, route, scopeOf, wrapped } from "./common";
import { planView } from "./views";

export function planRoutes(ctx: CloudContext): Route[] {
  return [
    route(ctx, "POST", "/plans", (req, s) => ok({ plan: planView(createPlan(ctx, s.projectId, readPlanCreate(wrapped(req.body, "plan")))) })),
    route(ctx, "GET", "/plans", (req, s) => {
      const rows = listPlans(ctx, undefined).map((p) => ({ id: p.policy.id, plan: p }));
      const { items, links } = listIndex(ctx, req, s, rows, {
        style: "project", collection: "plans", userFilters: ["name", "status", "description"], rules: PLAN_MODEL,
        columns: ({ plan }) => planColumns(plan),
        findMarker: (id, sc) => {
          const plan = findPlan(ctx, sc.auth.isAdmin ? undefined : sc.auth.projectId, id);
          return plan && { id, plan };
        },
        notFound: NOT_FOUND.plan,
      });
      return ok({ plans: items.map((r) => planView(r.plan)), ...(links ? { plans_links: links } : {}) });
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


function planColumns(p: Plan) {
  const v = planView(p);
  return {
    id: v.id, name: v.name, description: v.description ?? null, provider_id: v.provider_id, project_id: p.extra.projectId,
    status: v.status, parameters: pythonJsonDumps(v.parameters), created_at: p.policy.createdAt, updated_at: p.policy.updatedAt,
    deleted_at: null, deleted: false,
  };
}
