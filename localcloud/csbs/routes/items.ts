/** Backups (`checkpoint_items`): list with filters and paging, count, show (docs/csbs-api-notes.md B.5). */
import type { CloudContext, CloudRequest, Route } from "../../core/contracts";
import { invalid, itemNotFound } from "../errors";
import { isListed, projectItems } from "../model/backups";
import { parseFilterTime } from "../model/time";
import { BackupItem, COLLECTIONS } from "../model/types";
import { ok, PREFIX, route, Scope } from "./common";
import { paginate, sortRows } from "./paging";
import { itemView } from "./views";

const SORT_KEYS = ["created_at", "updated_at", "name", "status", "protected_at", "id"];

function timeFilter(req: CloudRequest, name: string): number | undefined {
  const raw = req.query.get(name);
  if (raw === null || raw === "") return undefined;
  const d = parseFilterTime(raw);
  if (!d) throw invalid(`${name} is "${raw}"; use a time such as 2017-04-18T01:21:52.701973 (UTC)`);
  return d.getTime();
}

/** The backups the query selects, before paging. */
function filtered(ctx: CloudContext, req: CloudRequest, s: Scope): BackupItem[] {
  const q = req.query;
  const now = ctx.clock.now();
  let rows = (s.allTenants ? ctx.store.list(COLLECTIONS.items) : projectItems(ctx, s.projectId)).filter((i) => isListed(i, now));
  const exact: Array<[string, (i: BackupItem) => string | undefined]> = [
    ["status", (i) => i.status], ["resource_id", (i) => i.resourceId], ["policy_id", (i) => i.policyId],
    ["checkpoint_id", (i) => i.checkpointId], ["az", (i) => i.az], ["resource_type", () => "OS::Nova::Server"],
  ];
  for (const [key, get] of exact) {
    const want = q.get(key);
    if (want !== null && want !== "") rows = rows.filter((i) => get(i) === want);
  }
  const fuzzy: Array<[string, (i: BackupItem) => string]> = [["name", (i) => i.name], ["resource_name", (i) => i.resourceName]];
  for (const [key, get] of fuzzy) {
    const want = q.get(key);
    if (want !== null && want !== "") rows = rows.filter((i) => get(i).toLowerCase().includes(want.toLowerCase()));
  }
  const start = timeFilter(req, "start_time");
  const end = timeFilter(req, "end_time");
  if (start !== undefined) rows = rows.filter((i) => Date.parse(i.createdAt) >= start);
  if (end !== undefined) rows = rows.filter((i) => Date.parse(i.createdAt) <= end);
  return rows;
}

export function itemRoutes(ctx: CloudContext): Route[] {
  const base = `${PREFIX}/checkpoint_items`;
  const count = route(ctx, (req, s) => ok({ count: filtered(ctx, req, s).length }));
  return [
    {
      method: "GET", pattern: base, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => {
        const rows = filtered(ctx, req, s).map((i) => ({
          id: i.id, created_at: i.createdAt, updated_at: i.updatedAt, name: i.name, status: i.status,
          protected_at: i.createdAt, record: i,
        }));
        const { page, links } = paginate(sortRows(rows, req.query, SORT_KEYS), req.query,
          `${ctx.baseUrl()}/csbs/v1/${s.projectId}/checkpoint_items`);
        return ok({ checkpoint_items: page.map((r) => itemView(r.record)), ...(links ? { checkpoint_items_links: links } : {}) });
      }),
    },
    { method: "GET", pattern: `${base}/count`, service: "csbs", auth: "token", handler: count },
    {
      method: "GET", pattern: `${base}/:item_id`, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => {
        // Routers that try patterns in order may send /count here.
        if (req.params.item_id === "count") return ok({ count: filtered(ctx, req, s).length });
        const item = ctx.store.get(COLLECTIONS.items, req.params.item_id);
        if (!item || (item.projectId !== s.projectId && !s.auth.isAdmin)) throw itemNotFound(req.params.item_id);
        return ok({ checkpoint_item: itemView(item) });
      }),
    },
  ];
}
