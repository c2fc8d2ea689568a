/** `/providers` and `/providers/{pid}/checkpoints` (create from a plan, list, show, delete, reset-state). */
import type { CloudContext, Route } from "../../core/contracts";
import { COLLECTIONS, type CheckpointRecord } from "../../csbs/model/types";
import { badRequest, isUuidLike, notFound } from "../faults";
import { createCheckpoint, deleteCheckpoint, getCheckpoint, resetCheckpointState } from "../model/checkpoints";
import { getPlan } from "../model/plans";
import { OS_INFRA_PROVIDER, OS_INFRA_PROVIDER_ID } from "../provider-info";
import { isObject, onlyKeys, ok, route, scopeOf, typeError, wrapped } from "./common";
import { page } from "./paging";
import { checkpointView } from "./views";

function provider(id: string): typeof OS_INFRA_PROVIDER {
  if (id !== OS_INFRA_PROVIDER_ID) throw notFound(`Provider ${id} could not be found.`);
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
      const q = req.query;
      for (const key of ["start_date", "end_date"]) {
        const v = q.get(key);
        if (v !== null && !DATE_RE.test(v)) throw badRequest(`Invalid input received: The ${key} must be in the format of "%Y-%m-%d"`);
      }
      const planId = q.get("plan_id");
      const start = q.get("start_date");
      const end = q.get("end_date");
      const rows = ctx.store.list(COLLECTIONS.checkpoints)
        .filter((c) => s.allTenants || c.projectId === s.projectId)
        .filter((c) => planId === null || c.planId === planId)
        .filter((c) => (start === null || c.createdAt.slice(0, 10) >= start) && (end === null || c.createdAt.slice(0, 10) <= end))
        .map((c) => ({ id: c.id, created_at: c.createdAt, record: c }));
      const { items, links } = page(rows, q, `${ctx.baseUrl()}/karbor/v1/${s.projectId}/providers/${req.params.provider_id}/checkpoints`);
      return ok({ checkpoints: items.map((r) => checkpointView(ctx, r.record)), ...(links ? { checkpoints_links: links } : {}) });
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
