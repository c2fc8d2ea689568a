/** `/restores`: restore every backup of an available checkpoint onto its own server (no delete or update upstream). */
import type { CloudContext, Route } from "../../core/contracts";
import { newId } from "../../core/ids";
import { DomainError } from "../../csbs/model/domain-error";
import { startRestore } from "../../csbs/model/restores";
import { badRequest, isUuidLike, notFound } from "../faults";
import { getCheckpoint, itemsOf, statusOf } from "../model/checkpoints";
import { KARBOR, type KarborRestoreRecord } from "../model/types";
import { OS_INFRA_PROVIDER_ID } from "../provider-info";
import { isObject, onlyKeys, ok, route, scopeOf, typeError, wrapped } from "./common";
import { page } from "./paging";
import { restoreStatus, restoreView } from "./views";

export function restoreRoutes(ctx: CloudContext): Route[] {
  const get = (projectId: string | undefined, id: string): KarborRestoreRecord => {
    if (!isUuidLike(id)) throw badRequest("Invalid restore id provided.");
    const r = ctx.store.get(KARBOR.restores, id);
    if (!r || (projectId !== undefined && r.projectId !== projectId)) throw notFound(`Restore ${id} could not be found.`);
    return r;
  };
  return [
    route(ctx, "POST", "/restores", (req, s) => {
      const b = wrapped(req.body, "restore");
      onlyKeys(b, ["provider_id", "checkpoint_id", "parameters", "restore_target", "restore_auth"]);
      for (const key of ["provider_id", "checkpoint_id", "parameters"]) if (b[key] === undefined) throw badRequest(`'${key}' is a required property`);
      if (!isUuidLike(b.provider_id)) typeError("provider_id", b.provider_id, "uuid");
      if (!isObject(b.parameters)) typeError("parameters", b.parameters, "object");
      if (b.restore_target !== undefined && b.restore_target !== null && typeof b.restore_target !== "string") typeError("restore_target", b.restore_target, "string");
      if (b.provider_id !== OS_INFRA_PROVIDER_ID) throw notFound(`Provider ${b.provider_id} could not be found.`);
      const checkpoint = getCheckpoint(ctx, scopeOf(s), String(b.checkpoint_id));
      if (statusOf(ctx, checkpoint) !== "available") throw badRequest(`The checkpoint ${checkpoint.id} is not available`);
      const record: KarborRestoreRecord = {
        id: newId(), projectId: s.projectId, providerId: b.provider_id, checkpointId: checkpoint.id,
        restoreTarget: (b.restore_target as string | null | undefined) ?? null, parameters: b.parameters, restoreIds: [],
        createdAt: ctx.clock.now().toISOString(),
      };
      for (const item of itemsOf(ctx, checkpoint.id)) {
        try {
          record.restoreIds.push(startRestore(ctx, checkpoint.projectId, {
            checkpointId: checkpoint.id, itemId: item.id, targetServerId: item.resourceId, restoreTarget: record.restoreTarget, parameters: b.parameters,
          }).id);
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          record.failed = e.message;
        }
      }
      ctx.store.put(KARBOR.restores, record);
      return ok({ restore: restoreView(ctx, record) });
    }),
    route(ctx, "GET", "/restores", (req, s) => {
      const status = req.query.get("status");
      const rows = ctx.store.list(KARBOR.restores)
        .filter((r) => s.allTenants || r.projectId === s.projectId)
        .filter((r) => status === null || restoreStatus(ctx, r) === status)
        .map((r) => ({ id: r.id, created_at: r.createdAt, record: r }));
      const { items, links } = page(rows, req.query, `${ctx.baseUrl()}/karbor/v1/${s.projectId}/restores`);
      return ok({ restores: items.map((r) => restoreView(ctx, r.record)), ...(links ? { restores_links: links } : {}) });
    }),
    route(ctx, "GET", "/restores/:restore_id", (req, s) => ok({ restore: restoreView(ctx, get(scopeOf(s), req.params.restore_id)) })),
  ];
}
