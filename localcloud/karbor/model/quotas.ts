/** Karbor's two quotas per project: plans (default 50) and checkpoints (default -1, unlimited). */
import type { CloudContext } from "../../core/contracts";
import { COLLECTIONS, type CheckpointRecord } from "../../csbs/model/types";
import { KARBOR, type KarborPlanExtra, type KarborQuotaRecord } from "./types";

export const DEFAULT_QUOTAS = { plans: 50, checkpoints: -1 } as const;

export function getQuota(ctx: CloudContext, projectId: string): KarborQuotaRecord {
  return ctx.store.get(KARBOR.quotas, projectId) ?? { id: projectId, ...DEFAULT_QUOTAS };
}

export function setQuota(ctx: CloudContext, projectId: string, patch: Partial<Pick<KarborQuotaRecord, "plans" | "checkpoints">>): KarborQuotaRecord {
  const next = { ...getQuota(ctx, projectId), ...patch, id: projectId };
  ctx.store.put(KARBOR.quotas, next);
  return next;
}

export function resetQuota(ctx: CloudContext, projectId: string): void {
  ctx.store.delete(KARBOR.quotas, projectId);
}

export function plansInUse(ctx: CloudContext, projectId: string): number {
  return ctx.store.list(KARBOR.plans).filter((p) => p.projectId === projectId).length;
}

export function checkpointsInUse(ctx: CloudContext, projectId: string): number {
  return ctx.store.list(COLLECTIONS.checkpoints).filter((c) => c.projectId === projectId).length;
}
