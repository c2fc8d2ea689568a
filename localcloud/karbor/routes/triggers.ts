/** `/triggers`: time triggers; PUT needs start_time with properties; DELETE of a trigger in use is 424. */
import type { CloudContext, Route } from "../../core/contracts";
import { badRequest, NOT_FOUND } from "../faults";
import { createTrigger, deleteTrigger, getTrigger, updateTrigger } from "../model/triggers";
import { KARBOR, type KarborTriggerRecord } from "../model/types";
import { checkName, onlyKeys, ok, route, scopeOf, typeError, wrapped } from "./common";
import { listIndex } from "../query/list-index";
import { TRIGGER_MODEL } from "../query/models";
import { pythonJsonDumps } from "../query/python-json";
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
      const { items, links } = listIndex(ctx, req, s, ctx.store.list(KARBOR.triggers), {
        style: "engine", collection: "triggers", userFilters: ["all_tenants", "name", "type", "properties"], rules: TRIGGER_MODEL,
        columns: triggerColumns, findMarker: (id) => ctx.store.get(KARBOR.triggers, id), notFound: NOT_FOUND.trigger,
      });
      return ok({ triggers: items.map(triggerView), ...(links ? { triggers_links: links } : {}) });
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

function triggerColumns(t: KarborTriggerRecord) {
  return {
    id: t.id, name: t.name, project_id: t.projectId, type: t.type, properties: pythonJsonDumps(triggerView(t).properties),
    created_at: t.createdAt, updated_at: null, deleted_at: null, deleted: false,
  };
}
