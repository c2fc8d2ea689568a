/** `/providers` and `/providers/{pid}/checkpoints` (create from a plan, list, show, delete, reset-state). */
import type { CloudContext, Route } from "../../core/contracts";
import { COLLECTIONS, type CheckpointRecord } from "../../csbs/model/types";
import { badRequest, isUuidLike, karborFault, NOT_FOUND } from "../faults";
import { createCheckpoint, deleteCheckpoint, getCheckpoint, resetCheckpointState } from "../model/checkpoints";
import { getPlan } from "../model/plans";
import { OS_INFRA_PROVIDER, OS_INFRA_PROVIDER_ID } from "../provider-info";
import { isObject, onlyKeys, ok, route, scopeOf, typeError, wrapped } from "./common";
import { collectionLinks, GENERIC_500, getBoolParam, readFilters } from "../query/list-index";
import { readListParams } from "../query/list-params";
import { pyStr } from "../query/python-literal";
import { checkpointView } from "./views";

function provider(id: string): typeof OS_INFRA_PROVIDER {
  if (id !== OS_INFRA_PROVIDER_ID) throw NOT_FOUND.provider(id);
  return OS_INFRA_PROVIDER;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function providerRoutes(ctx: CloudContext): Route[] {
  const cps = "/providers/:provider_id/checkpoints";
  return [
    route(ctx, "GET", "/providers", (req) => {
      const name = req.query.get("name");
      const list = [OS_INFRA_PROVIDER].filter((p) => name === null || p.name === name);
      return ok({ providers: list });
    }),
    route(ctx, "GET", "/providers/:provider_id", (req) => ok({ provider: provider(req.params.provider_id) })),

    route(ctx, "POST", cps, (req, s) => {
      provider(req.params.provider_id);
      const c = wrapped(req.body, "checkpoint");
      onlyKeys(c, ["plan_id", "extra-info"]);
      if (c.plan_id === undefined) throw badRequest("'plan_id' is a required property");
      if (!isUuidLike(c.plan_id)) throw badRequest(`Invalid input for field/attribute plan_id. Value: ${JSON.stringify(c.plan_id)}. ${JSON.stringify(c.plan_id)} is not a 'uuid'`);
      if (c["extra-info"] !== undefined && c["extra-info"] !== null && !isObject(c["extra-info"])) typeError("extra-info", c["extra-info"], "object");
      const plan = getPlan(ctx, scopeOf(s), c.plan_id);
      if (plan.extra.providerId !== req.params.provider_id) {
        throw badRequest("Invalid plan: The parameter provider_id is not the same as the value in the plan.");
      }
      return ok({ checkpoint: checkpointView(ctx, createCheckpoint(ctx, plan), true) });
    }),
    route(ctx, "GET", cps, (req, s) => {
      provider(req.params.provider_id);
      const params = readListParams(req.query);
      const filters = readFilters(params.rest, s, ["project_id", "plan_id", "start_date", "end_date"]);
      const allTenants = getBoolParam("all_tenants", filters) && s.auth.isAdmin;
      const text = (k: string) => (filters.has(k) ? pyStr(filters.get(k)!) : null);
      // The protection service: an admin's all_tenants with project_id lists that project, without it every project.
      const projectId = allTenants && text("project_id") ? text("project_id") : allTenants ? null : s.auth.projectId;
      const [planId, start, end] = [text("plan_id"), text("start_date"), text("end_date")];
      // strptime(value, "%Y-%m-%d") fails inside the protection service: the API sees an unnamed remote error.
      for (const v of [start, end]) if (v && !DATE_RE.test(v)) throw karborFault(500, GENERIC_500);
      const dir = params.sortDirs[0] === "asc" ? 1 : -1;
      let rows = ctx.store.list(COLLECTIONS.checkpoints)
        .filter((c) => projectId === null || c.projectId === projectId)
        .filter((c) => planId === null || c.planId === planId)
        .filter((c) => start === null || (c.createdAt.slice(0, 10) >= start && (end === null || c.createdAt.slice(0, 10) <= end)))
        .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1) * dir);
      if (params.marker !== null) {
        const at = rows.findIndex((c) => c.id === params.marker);
        // The bank cannot read the marker's index object: an unnamed error again.
        if (at < 0) throw karborFault(500, GENERIC_500);
        rows = rows.slice(at + 1);
      }
      // The view builder's next link names `/checkpoints` without the provider, as upstream.
      const { items, links } = collectionLinks(ctx, req, s, "checkpoints", rows.slice(0, params.limit), params.limit);
      return ok({ checkpoints: items.map((c) => checkpointView(ctx, c)), ...(links ? { checkpoints_links: links } : {}) });
    }),
    route(ctx, "GET", `${cps}/:checkpoint_id`, (req, s) => {
      provider(req.params.provider_id);
      return ok({ checkpoint: checkpointView(ctx, getCheckpoint(ctx, scopeOf(s), req.params.checkpoint_id)) });
    }),
    route(ctx, "DELETE", `${cps}/:checkpoint_id`, (req, s) => {
      provider(req.params.provider_id);
      deleteCheckpoint(ctx, getCheckpoint(ctx, scopeOf(s), req.params.checkpoint_id));
      return ok({});
    }),
    route(ctx, "PUT", `${cps}/:checkpoint_id`, (req, s) => {
      provider(req.params.provider_id);
      const body = wrapped(req.body, "os-resetState");
      onlyKeys(body, ["state"]);
      if (body.state !== "available" && body.state !== "error") {
        throw badRequest(`Invalid input for field/attribute state. Value: ${JSON.stringify(body.state)}. ${JSON.stringify(body.state)} is not one of ['available', 'error']`);
      }
      resetCheckpointState(ctx, getCheckpoint(ctx, scopeOf(s), req.params.checkpoint_id), body.state);
      return ok({});
    }),
  ];
}
