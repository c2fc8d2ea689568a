/**
 * `/restores`: restore every backup of an available checkpoint onto its own server (no delete or update upstream).
 * As upstream, the restore is recorded before the protection service is asked: a provider or checkpoint that is
 * missing or not available gives a 200 with status `fail`; only another project's checkpoint is refused (403).
 */
import type { CloudContext, Route } from "../../core/contracts";
import { newId } from "../../core/ids";
import { DomainError } from "../../csbs/model/domain-error";
import { startRestore } from "../../csbs/model/restores";
import { COLLECTIONS } from "../../csbs/model/types";
import { accessCheckpointNotAllowed, badRequest, isUuidLike, NOT_FOUND } from "../faults";
import { itemsOf, statusOf } from "../model/checkpoints";
import { KARBOR, type KarborRestoreRecord } from "../model/types";
import { OS_INFRA_PROVIDER_ID } from "../provider-info";
import { listIndex } from "../query/list-index";
import { RESTORE_MODEL } from "../query/models";
import { pythonJsonDumps } from "../query/python-json";
import { isObject, onlyKeys, ok, route, scopeOf, typeError, wrapped, type Scope } from "./common";
import { restoreView } from "./views";

function uuidField(field: string, value: unknown): void {
  if (!isUuidLike(value)) throw badRequest(`Invalid input for field/attribute ${field}. Value: ${JSON.stringify(value)}. ${JSON.stringify(value)} is not a 'uuid'`);
}

/** What the protection service's `restore` does; a failure it raises (other than access) marks the restore failed. */
function startRestores(ctx: CloudContext, s: Scope, record: KarborRestoreRecord): void {
  if (record.providerId !== OS_INFRA_PROVIDER_ID) {
    record.failed = NOT_FOUND.provider(record.providerId).detail;
    return;
  }
  const checkpoint = ctx.store.get(COLLECTIONS.checkpoints, record.checkpointId);
  if (!checkpoint) {
    record.failed = NOT_FOUND.checkpoint(record.checkpointId).detail;
    return;
  }
  if (!s.auth.isAdmin && checkpoint.projectId !== s.auth.projectId) throw accessCheckpointNotAllowed(checkpoint.id);
  if (statusOf(ctx, checkpoint) !== "available") {
    record.failed = `The checkpoint ${checkpoint.id} is not available`;
    return;
  }
  for (const item of itemsOf(ctx, checkpoint.id)) {
    try {
      record.restoreIds.push(startRestore(ctx, checkpoint.projectId, {
        checkpointId: checkpoint.id, itemId: item.id, targetServerId: item.resourceId, restoreTarget: record.restoreTarget, parameters: record.parameters,
      }).id);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      record.failed = e.message;
    }
  }
}

export function restoreRoutes(ctx: CloudContext): Route[] {
  const get = (projectId: string | undefined, id: string): KarborRestoreRecord => {
    if (!isUuidLike(id)) throw badRequest("Invalid restore id provided.");
    const r = ctx.store.get(KARBOR.restores, id);
    if (!r || (projectId !== undefined && r.projectId !== projectId)) throw NOT_FOUND.restore(id);
    return r;
  };
  return [
    route(ctx, "POST", "/restores", (req, s) => {
      const b = wrapped(req.body, "restore");
      onlyKeys(b, ["provider_id", "checkpoint_id", "parameters", "restore_target", "restore_auth"]);
      for (const key of ["provider_id", "checkpoint_id", "parameters"]) if (b[key] === undefined) throw badRequest(`'${key}' is a required property`);
      uuidField("provider_id", b.provider_id);
      uuidField("checkpoint_id", b.checkpoint_id);
      if (!isObject(b.parameters)) typeError("parameters", b.parameters, "object");
      if (b.restore_target !== undefined && b.restore_target !== null && typeof b.restore_target !== "string") typeError("restore_target", b.restore_target, "string");
      const record: KarborRestoreRecord = {
        id: newId(), projectId: s.auth.projectId, providerId: b.provider_id as string, checkpointId: b.checkpoint_id as string,
        restoreTarget: (b.restore_target as string | null | undefined) ?? null, parameters: b.parameters, restoreIds: [],
        createdAt: ctx.clock.now().toISOString(),
      };
      startRestores(ctx, s, record);
      ctx.store.put(KARBOR.restores, record);
      return ok({ restore: restoreView(ctx, record) });
    }),
    route(ctx, "GET", "/restores", (req, s) => {
      const { items, links } = listIndex(ctx, req, s, ctx.store.list(KARBOR.restores), {
        style: "project", collection: "restores", userFilters: ["status"], rules: RESTORE_MODEL,
        columns: (r) => restoreColumns(ctx, r), findMarker: (id) => ctx.store.get(KARBOR.restores, id), notFound: NOT_FOUND.restore,
      });
      return ok({ restores: items.map((r) => restoreView(ctx, r)), ...(links ? { restores_links: links } : {}) });
    }),
    route(ctx, "GET", "/restores/:restore_id", (req, s) => ok({ restore: restoreView(ctx, get(scopeOf(s), req.params.restore_id)) })),
  ];
}

function restoreColumns(ctx: CloudContext, r: KarborRestoreRecord) {
  const v = restoreView(ctx, r);
  return {
    id: v.id, project_id: v.project_id, provider_id: v.provider_id, checkpoint_id: v.checkpoint_id, restore_target: v.restore_target,
    parameters: pythonJsonDumps(v.parameters), status: v.status, resources_status: pythonJsonDumps(v.resources_status),
    resources_reason: pythonJsonDumps(v.resources_reason), created_at: r.createdAt, updated_at: null, deleted_at: null, deleted: false,
  };
}
