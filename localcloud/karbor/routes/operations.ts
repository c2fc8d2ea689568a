/** `/scheduled_operations`: create, list, show, delete (there is no update upstream). */
import type { CloudContext, Route } from "../../core/contracts";
import { badRequest } from "../faults";
import { createOperation, deleteOperation, getOperation } from "../model/operations";
import { KARBOR, type KarborOperationRecord } from "../model/types";
import { checkDescription, checkName, isObject, onlyKeys, ok, route, scopeOf, typeError, wrapped } from "./common";
import { filterBy, page } from "./paging";
import { operationView } from "./views";

export function operationRoutes(ctx: CloudContext): Route[] {
  return [
    route(ctx, "POST", "/scheduled_operations", (req, s) => {
      const o = wrapped(req.body, "scheduled_operation");
      onlyKeys(o, ["name", "description", "operation_type", "trigger_id", "operation_definition"]);
      if (o.trigger_id === undefined) throw badRequest("'trigger_id' is a required property");
      if (o.name === undefined || o.operation_type === undefined || o.operation_definition === undefined) {
        throw badRequest("Operation name or type or definition is not provided.");
      }
      if (typeof o.operation_type !== "string") typeError("operation_type", o.operation_type, "string");
      if (typeof o.trigger_id !== "string") typeError("trigger_id", o.trigger_id, "string");
      if (!isObject(o.operation_definition)) typeError("operation_definition", o.operation_definition, "object");
      const op = createOperation(ctx, s.projectId, {
        name: checkName(o.name), description: checkDescription(o.description), operationType: o.operation_type,
        triggerId: o.trigger_id, definition: o.operation_definition,
      });
      return ok({ scheduled_operation: operationView(op) });
    }),
    route(ctx, "GET", "/scheduled_operations", (req, s) => {
      let rows = ctx.store.list(KARBOR.operations)
        .filter((o) => s.allTenants || o.projectId === s.projectId)
        .map((o) => ({ ...operationView(o), created_at: o.createdAt }));
      rows = filterBy(rows, req.query, "name", (r) => r.name);
      rows = filterBy(rows, req.query, "operation_type", (r) => r.operation_type);
      rows = filterBy(rows, req.query, "trigger_id", (r) => r.trigger_id);
      const { items, links } = page(rows, req.query, `${ctx.baseUrl()}/karbor/v1/${s.projectId}/scheduled_operations`);
      return ok({ operations: items.map(({ created_at: _c, ...o }) => o), ...(links ? { operations_links: links } : {}) });
    }),
    route(ctx, "GET", "/scheduled_operations/:operation_id", (req, s) =>
      ok({ scheduled_operation: operationView(getOperation(ctx, scopeOf(s), req.params.operation_id)) })),
    route(ctx, "DELETE", "/scheduled_operations/:operation_id", (req, s) => {
      deleteOperation(ctx, getOperation(ctx, scopeOf(s), req.params.operation_id));
      return ok();
    }),
  ];
}
