/** `/triggers`: time triggers; PUT needs start_time with properties; DELETE of a trigger in use is 424. */
import type { CloudContext, Route } from "../../core/contracts";
import { badRequest } from "../faults";
import { createTrigger, deleteTrigger, getTrigger, updateTrigger } from "../model/triggers";
import { KARBOR, type KarborTriggerRecord } from "../model/types";
import { checkName, onlyKeys, ok, route, scopeOf, typeError, wrapped } from "./common";
import { filterBy, page } from "./paging";
import { triggerView } from "./views";

export function triggerRoutes(ctx: CloudContext): Route[] {
  return [
    route(ctx, "POST", "/triggers", (req, s) => {
      const t = wrapped(req.body, "trigger_info");
      onlyKeys(t, ["name", "type", "properties"]);
      for (const key of ["name", "type", "properties"]) if (t[key] === undefined) throw badRequest(`'${key}' is a required property`);
      if (typeof t.name !== "string") typeError("name", t.name, "string");
      if (typeof t.type !== "string") typeError("type", t.type, "string");
      return ok({ trigger_info: triggerView(createTrigger(ctx, s.projectId, t.name, t.type, t.properties)) });
    }),
    route(ctx, "GET", "/triggers", (req, s) => {
      let rows = ctx.store.list(KARBOR.triggers)
        .filter((t) => s.allTenants || t.projectId === s.projectId)
        .map((t) => ({ ...triggerView(t), created_at: t.createdAt }));
      rows = filterBy(rows, req.query, "name", (r) => r.name);
      rows = filterBy(rows, req.query, "type", (r) => r.type);
      const { items, links } = page(rows, req.query, `${ctx.baseUrl()}/karbor/v1/${s.projectId}/triggers`);
      return ok({ triggers: items.map(({ created_at: _c, ...t }) => t), ...(links ? { triggers_links: links } : {}) });
    }),
    route(ctx, "GET", "/triggers/:trigger_id", (req, s) => ok({ trigger_info: triggerView(getTrigger(ctx, scopeOf(s), req.params.trigger_id)) })),
    route(ctx, "PUT", "/triggers/:trigger_id", (req, s) => {
      const t = wrapped(req.body, "trigger_info");
      onlyKeys(t, ["name", "type", "properties"]);
      const trigger = getTrigger(ctx, scopeOf(s), req.params.trigger_id);
      const name = t.name === undefined ? undefined : checkName(t.name);
      return ok({ trigger_info: triggerView(updateTrigger(ctx, trigger, name, t.properties)) });
    }),
    route(ctx, "DELETE", "/triggers/:trigger_id", (req, s) => {
      deleteTrigger(ctx, getTrigger(ctx, scopeOf(s), req.params.trigger_id));
      return ok();
    }),
  ];
}
