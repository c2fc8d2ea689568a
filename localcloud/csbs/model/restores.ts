/**
 * Restoring a server from a backup: the backup is `restoring` and the server SHUTOFF until the restore ends;
 * then the server is started again unless the request said `power_on: false`.
 */
import { randomUUID } from "node:crypto";
import type { CloudContext } from "../../core/contracts";
import { projectItems } from "./backups";
import { DomainError } from "./domain-error";
import { SERVERS } from "../../fixtures/apply-fixtures";
import { checkDiskMapping, restorableServer, type DiskMapping } from "./restore-rules";
import { addOplog } from "./oplogs";
import { getSettings } from "./settings";
import { addSeconds } from "./time";
import { BackupItem, COLLECTIONS, RestoreRecord } from "./types";

export interface RestoreRequest {
  checkpointId: string;
  itemId: string;
  targetServerId: string;
  restoreTarget: string | null;
  parameters: Record<string, unknown>;
  /** @default true */
  powerOn?: boolean;
  /** Which disk backup goes to which disk. @default each to its own disk (see restore-rules.ts) */
  volumes?: DiskMapping[];
}

export function startRestore(ctx: CloudContext, projectId: string, req: RestoreRequest): RestoreRecord {
  const items = projectItems(ctx, projectId).filter((i) => i.checkpointId === req.checkpointId);
  if (items.length === 0) throw new DomainError("item-not-found", `Checkpoint_item (${req.checkpointId}) is not found.`, req.checkpointId);
  const item = items.find((i) => i.id === req.itemId);
  if (!item) throw new DomainError("item-not-found", `Checkpoint_item (${req.itemId}) is not found.`, req.itemId);
  if (item.status !== "available") {
    throw new DomainError("item-busy", `item in executing: backup ${item.id} is ${item.status}; only an available backup can be restored`, item.id);
  }
  const server = restorableServer(ctx, projectId, req.targetServerId);
  const volumes = checkDiskMapping(ctx, item, server, req.volumes ?? []);
  const now = ctx.clock.now();
  const seconds = getSettings(ctx.store).restoreSeconds;
  const restore: RestoreRecord = {
    id: randomUUID(), projectId, checkpointId: req.checkpointId, itemId: item.id, targetServerId: req.targetServerId,
    restoreTarget: req.restoreTarget, parameters: req.parameters, status: "in_progress", createdAt: now.toISOString(),
    powerOn: req.powerOn ?? true, volumes,
  };
  ctx.store.put(COLLECTIONS.restores, restore);
  const next: BackupItem = { ...item, status: "restoring", restoreId: restore.id, updatedAt: now.toISOString(),
    dueAt: addSeconds(now, seconds).toISOString(), dueRealMs: Date.now() + seconds * 1000 };
  ctx.store.put(COLLECTIONS.items, next);
  // The service shuts the server down for the restore.
  ctx.store.put(SERVERS, { ...server, status: "SHUTOFF" });
  addOplog(ctx.store, { projectId, operationType: "restore", checkpointId: req.checkpointId, planId: item.policyId ?? null,
    restoreId: restore.id, scheduledOperationId: null, status: "in_progress", startedAt: now.toISOString(),
    extraInfo: { checkpoint_item_id: item.id, target: req.targetServerId, resource_id: item.resourceId, resource_name: item.resourceName } });
  return restore;
}
