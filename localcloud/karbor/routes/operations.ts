/** `/scheduled_operations`: create, list, show, delete (there is no update upstream). */
import type { CloudContext, Route } from "../../core/contracts";
import { badRequest, NOT_FOUND } from "../faults";
import { createOperation, deleteOperation, getOperation } from "../model/operations";
import { KARBOR, type KarborOperationRecord } from "../model/types";
import { checkDescription, checkName, isObject, onlyKeys, ok, route, scopeOf, typeError, wrapped } from "./common";
import { listIndex } from "../query/list-index";
import { OPERATION_MODEL } from "../query/models";
import { pythonJsonDumps } from "../query/python-json";
import { operationView } from "./views";

export function operationRoutes(ctx: CloudContext): Route[] {
  return [
    route(ctx, "POST", "/scheduled_operations", (req, s) => {
      const o = wrapped(req.body, "scheduled_operation");
      onlyKeys(o, ["name", "description", "operation_type", "trigger_id", "operation_definition"]);
      if (o.trigger_id === undefined) throw badRequest("'trigger_id' is a required property");
      // Python's all([name, type, definition]): a missing, empty or null value counts as not provided.
      const given = (v: unknown) => v !== undefined && v !== null && v !== "" && !(isObject(v) && Object.keys(v).length === 0);
      if (!given(o.name) || !given(o.operation_type) || !given(o.operation_definition)) {
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
      const { items, links } = listIndex(ctx, req, s, ctx.store.list(KARBOR.operations), {
        style: "engine", collection: "scheduled_operations", rules: OPERATION_MODEL,
        userFilters: ["all_tenants", "name", "operation_type", "trigger_id", "operation_definition"],
        columns: operationColumns, findMarker: (id) => ctx.store.get(KARBOR.operations, id), notFound: NOT_FOUND.operation,
      });
      return ok({ operations: items.map(operationView), ...(links ? { operations_links: links } : {}) });
    }),
    route(ctx, "GET", "/scheduled_operations/:operation_id", (req, s) =>
      ok({ scheduled_operation: operationView(getOperation(ctx, scopeOf(s), req.params.operation_id)) })),
    route(ctx, "DELETE", "/scheduled_operations/:operation_id", (req, s) => {
      deleteOperation(ctx, getOperation(ctx, scopeOf(s), req.params.operation_id));
      return ok();
    }),
  ];
}

function operationColumns(o: KarborOperationRecord) {
  return {
    id: o.id, name: o.name, description: o.description, operation_type: o.operationType, user_id: null, project_id: o.projectId,
    trigger_id: o.triggerId, operation_definition: pythonJsonDumps(o.definition), enabled: o.enabled,
    created_at: o.createdAt, updated_at: null, deleted_at: null, deleted: false,
  };
}
