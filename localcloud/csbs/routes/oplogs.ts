/** Karbor-style `GET /operation_logs[/{id}]` on the CSBS data (docs/csbs-api-notes.md E #2). */
import type { CloudContext, Route } from "../../core/contracts";
import { csbsError } from "../errors";
import { COLLECTIONS, OperationLog } from "../model/types";
import { ok, PREFIX, route } from "./common";
import { paginate, sortRows } from "./paging";
import { oplogView } from "./views";

const FILTERS: Array<[string, (l: OperationLog) => string | null]> = [
  ["checkpoint_id", (l) => l.checkpointId], ["plan_id", (l) => l.planId], ["restore_id", (l) => l.restoreId],
  ["status", (l) => l.status], ["operation_type", (l) => l.operationType],
];

export function oplogRoutes(ctx: CloudContext): Route[] {
  const base = `${PREFIX}/operation_logs`;
  return [
    {
      method: "GET", pattern: base, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => {
        let rows = ctx.store.list(COLLECTIONS.oplogs).filter((l) => s.allTenants || l.projectId === s.projectId);
        for (const [key, get] of FILTERS) {
          const want = req.query.get(key);
          if (want !== null && want !== "") rows = rows.filter((l) => get(l) === want);
        }
        const sortable = rows.map((l) => ({ id: l.id, created_at: l.startedAt, started_at: l.startedAt, record: l }));
        const { page, links } = paginate(sortRows(sortable, req.query, ["created_at", "started_at", "id"]), req.query,
          `${ctx.baseUrl()}/csbs/v1/${s.projectId}/operation_logs`);
        return ok({ operation_logs: page.map((r) => oplogView(r.record)), ...(links ? { operation_logs_links: links } : {}) });
      }),
    },
    {
      method: "GET", pattern: `${base}/:log_id`, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => {
        const log = ctx.store.get(COLLECTIONS.oplogs, req.params.log_id);
        if (!log || (log.projectId !== s.projectId && !s.auth.isAdmin)) {
          throw csbsError(404, "CSBS.3002", `operation log ${req.params.log_id} is not found`);
        }
        return ok({ operation_log: oplogView(log) });
      }),
    },
  ];
}
