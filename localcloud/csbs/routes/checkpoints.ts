/**
 * Runs and backup deletion under `/providers/{provider_id}` (docs/csbs-api-notes.md B.4, B.5): execute a policy now,
 * one-off backup of a server, check_protectable / check_restorable, delete a checkpoint's backups.
 */
import type { CloudContext, CloudRequest, Route } from "../../core/contracts";
import { CSBS_PROVIDER_ID, SERVER_TYPE } from "../limits";
import { invalid } from "../errors";
import { projectItems, requestDelete } from "../model/backups";
import { DomainError } from "../model/domain-error";
import { eligibleServer } from "../model/eligibility";
import { executePolicy, protectServer } from "../model/execution";
import { getPolicy, listProjectPolicies } from "../model/policies";
import { BackupItem, CheckpointRecord, COLLECTIONS } from "../model/types";
import { isObject, ok, PREFIX, route, wrapped } from "./common";
import { csbsCode } from "./csbs-errors";
import { checkDescription, checkName, readBool, readTags } from "./policy-body";
import { checkpointView } from "./views";
import { diskMapping } from "./restores";
import { checkDiskMapping, restorableServer } from "../model/restore-rules";

const PROVIDERS = `${PREFIX}/providers/:provider_id`;

function checkProvider(req: CloudRequest): void {
  if (req.params.provider_id !== CSBS_PROVIDER_ID) {
    throw invalid(`provider ${req.params.provider_id} in the path is not the CSBS provider ${CSBS_PROVIDER_ID}`);
  }
}

function view(ctx: CloudContext, c: CheckpointRecord) {
  const items = ctx.store.list(COLLECTIONS.items).filter((i) => i.checkpointId === c.id);
  return { checkpoint: checkpointView(c, items) };
}

function protectable(ctx: CloudContext, projectId: string, entry: unknown, i: number): Record<string, unknown> {
  if (!isObject(entry) || typeof entry.resource_id !== "string") throw invalid(`check_protectable[${i}].resource_id must be a server id`);
  const base = { resource_id: entry.resource_id, resource_type: entry.resource_type ?? SERVER_TYPE };
  try {
    eligibleServer(ctx, projectId, entry.resource_id);
    const owner = listProjectPolicies(ctx, projectId).find((p) => p.servers.some((s) => s.id === entry.resource_id));
    if (owner) return { ...base, result: false, error_code: "CSBS.6004", error_msg: `Server (${entry.resource_id}) is already in service.` };
    return { ...base, result: true };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { ...base, result: false, error_code: csbsCode(e.kind), error_msg: e.message };
  }
}

function restorable(ctx: CloudContext, projectId: string, entry: unknown, i: number): Record<string, unknown> {
  if (!isObject(entry) || typeof entry.checkpoint_item_id !== "string" || !isObject(entry.target) || typeof entry.target.resource_id !== "string") {
    throw invalid(`check_restorable[${i}] must be {"checkpoint_item_id", "target": {"resource_id", "resource_type", "volumes"}}`);
  }
  const targetId = entry.target.resource_id;
  const base = { checkpoint_item_id: entry.checkpoint_item_id, resource_id: targetId, resource_type: entry.target.resource_type ?? SERVER_TYPE };
  const item = projectItems(ctx, projectId).find((x) => x.id === entry.checkpoint_item_id);
  if (!item) return { ...base, result: false, error_code: "CSBS.3001", error_msg: `Checkpoint_item (${entry.checkpoint_item_id}) is not found.` };
  if (item.status !== "available") return { ...base, result: false, error_code: "CSBS.2003", error_msg: `item in executing: backup ${item.id} is ${item.status}` };
  try {
    checkDiskMapping(ctx, item, restorableServer(ctx, projectId, targetId), diskMapping(entry.target.volumes, `check_restorable[${i}].target.volumes`));
    return { ...base, result: true };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return { ...base, result: false, error_code: csbsCode(e.kind), error_msg: e.message };
  }
}

export function checkpointRoutes(ctx: CloudContext): Route[] {
  return [
    {
      method: "POST", pattern: `${PROVIDERS}/checkpoints`, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => {
        checkProvider(req);
        const body = wrapped(req.body, "checkpoint", '{"checkpoint": {"plan_id": "<policy id>", "parameters": {}}}');
        if (typeof body.plan_id !== "string") throw invalid("checkpoint.plan_id is required: the id of the policy to run");
        const params = body.parameters ?? {};
        if (!isObject(params)) throw invalid("checkpoint.parameters must be an object such as {\"auto_trigger\": false}");
        if (params.auto_trigger !== undefined) readBool(params.auto_trigger, "checkpoint.parameters.auto_trigger");
        let subset: string[] | undefined;
        if (params.resources !== undefined) {
          if (!Array.isArray(params.resources) || !params.resources.every((r) => typeof r === "string")) {
            throw invalid("checkpoint.parameters.resources must be a list of server ids of the policy");
          }
          subset = params.resources as string[];
        }
        return ok(view(ctx, executePolicy(ctx, getPolicy(ctx, s.projectId, body.plan_id), subset)));
      }),
    },
    {
      method: "POST", pattern: `${PROVIDERS}/resources/:resource_id/action`, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => {
        checkProvider(req);
        const body = wrapped(req.body, "protect", '{"protect": {"backup_name": "before-upgrade"}}');
        if (body.resource_type !== undefined && body.resource_type !== SERVER_TYPE) {
          throw invalid(`protect.resource_type is ${JSON.stringify(body.resource_type)}; it must be ${SERVER_TYPE}`);
        }
        if (body.incremental !== undefined) readBool(body.incremental, "protect.incremental");
        const checkpoint = protectServer(ctx, s.projectId, req.params.resource_id, {
          name: body.backup_name === undefined ? undefined : checkName(body.backup_name, "protect.backup_name"),
          description: checkDescription(body.description, "protect.description"),
          tags: readTags(body.tags),
        });
        return ok(view(ctx, checkpoint));
      }),
    },
    {
      method: "POST", pattern: `${PROVIDERS}/resources/action`, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => {
        checkProvider(req);
        const body = isObject(req.body) ? req.body : {};
        if (Array.isArray(body.check_protectable)) {
          return ok({ protectable: body.check_protectable.map((e, i) => protectable(ctx, s.projectId, e, i)) });
        }
        if (Array.isArray(body.check_restorable)) {
          return ok({ restorable: body.check_restorable.map((e, i) => restorable(ctx, s.projectId, e, i)) });
        }
        throw invalid('the body must be {"check_protectable": [{"resource_id", "resource_type"}]} or {"check_restorable": [...]}');
      }),
    },
    {
      method: "DELETE", pattern: `${PROVIDERS}/checkpoints/:checkpoint_id`, service: "csbs", auth: "token",
      handler: route(ctx, (req, s) => {
        checkProvider(req);
        const itemIds = req.query.getAll("checkpoint_items").flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
        requestDelete(ctx, s.projectId, req.params.checkpoint_id, itemIds);
        return ok({});
      }),
    },
  ];
}
