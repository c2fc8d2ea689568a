/** `/operation_logs`: the shared operation logs (protect, delete, restore) in Karbor's shape. */
import type { CloudContext, Route } from "../../core/contracts";
import { COLLECTIONS, type OperationLog } from "../../csbs/model/types";
import { badRequest, isUuidLike, notFound } from "../faults";
import { ok, route, scopeOf } from "./common";
import { filterBy, page } from "./paging";
import { oplogView } from "./views";

export function oplogRoutes(ctx: CloudContext): Route[] {
  return [
    route(ctx, "GET", "/operation_logs", (req, s) => {
      let rows = ctx.store.list(COLLECTIONS.oplogs)
        .filter((l) => s.allTenants || l.projectId === s.projectId)
        .map((l) => ({ ...oplogView(l), created_at: l.startedAt }));
      for (const f of ["checkpoint_id", "plan_id", "restore_id", "status"]) rows = filterBy(rows, req.query, f, (r) => (r as Record<string, unknown>)[f]);
      const { items, links } = page(rows, req.query, `${ctx.baseUrl()}/karbor/v1/${s.projectId}/operation_logs`);
      return ok({ operation_logs: items.map(({ created_at: _c, ...l }) => l), ...(links ? { operation_logs_links: links } : {}) });
    }),
    route(ctx, "GET", "/operation_logs/:log_id", (req, s) => {
      const id = req.params.log_id;
      if (!isUuidLike(id)) throw badRequest("Invalid operation log id provided.");
      const log = ctx.store.get(COLLECTIONS.oplogs, id);
      const projectId = scopeOf(s);
      if (!log || (projectId !== undefined && log.projectId !== projectId)) throw notFound(`OperationLog ${id} could not be found.`);
      return ok({ operation_log: oplogView(log) });
    }),
  ];
}
