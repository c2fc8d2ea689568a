/** `/operation_logs`: the shared operation logs (protect, delete, restore) in Karbor's shape. */
import type { CloudContext, Route } from "../../core/contracts";
import { COLLECTIONS, type OperationLog } from "../../csbs/model/types";
import { badRequest, isUuidLike, NOT_FOUND } from "../faults";
import { listIndex } from "../query/list-index";
import { OPERATION_LOG_MODEL } from "../query/models";
import { ok, route, scopeOf } from "./common";
import { oplogView } from "./views";

export function oplogRoutes(ctx: CloudContext): Route[] {
  return [
    route(ctx, "GET", "/operation_logs", (req, s) => {
      const { items, links } = listIndex(ctx, req, s, ctx.store.list(COLLECTIONS.oplogs), {
        style: "project", collection: "operation_logs", userFilters: ["checkpoint_id", "plan_id", "restore_id", "status"],
        rules: OPERATION_LOG_MODEL, columns: oplogColumns, findMarker: (id) => ctx.store.get(COLLECTIONS.oplogs, id),
        notFound: NOT_FOUND.operationLog,
      });
      return ok({ operation_logs: items.map(oplogView), ...(links ? { operation_logs_links: links } : {}) });
    }),
    route(ctx, "GET", "/operation_logs/:log_id", (req, s) => {
      const id = req.params.log_id;
      if (!isUuidLike(id)) throw badRequest("Invalid operation log id provided.");
      const log = ctx.store.get(COLLECTIONS.oplogs, id);
      const projectId = scopeOf(s);
      if (!log) throw NOT_FOUND.operationLog(id);
      if (projectId !== undefined && log.projectId !== projectId) throw NOT_FOUND.operationLogOfOtherProject(id);
      return ok({ operation_log: oplogView(log) });
    }),
  ];
}

function oplogColumns(l: OperationLog) {
  return { ...oplogView(l), created_at: l.startedAt, updated_at: l.endedAt, deleted_at: null, deleted: false };
}
