/**
 * Making, finishing and removing backups. Transitions are lazy: an item records when its current state ends
 * (clock instant or real time, whichever comes first, so tests with a stopped clock still see progress), and
 * `settle` applies every transition that is due. Settle runs before each request and before each scheduled run.
 */
import { randomUUID } from "node:crypto";
import type { CloudContext } from "../../core/contracts";
import { BACKUP_QUOTA } from "../limits";
import { SERVERS } from "../../fixtures/apply-fixtures";
import { DomainError } from "./domain-error";
import { eligibleServer } from "./eligibility";
import { addOplog, finishOplogs } from "./oplogs";
import { getSettings } from "./settings";
import { addSeconds } from "./time";
import { BackupItem, CheckpointRecord, COLLECTIONS, PolicyServer, PolicyTag, RestoreRecord } from "./types";

export interface RunRequest {
  projectId: string;
  policyId?: string;
  planId: string;
  planName: string;
  servers: PolicyServer[];
  at: Date;
  automatic: boolean;
  scheduledOperationId?: string;
  name?: string;
  description?: string;
  tags?: PolicyTag[];
}

export function projectItems(ctx: CloudContext, projectId: string): BackupItem[] {
  return ctx.store.list(COLLECTIONS.items).filter((i) => i.projectId === projectId);
}

function shortId(): string {
  return randomUUID().replace(/-/g, "").slice(0, 4);
}

/** Starts one backup per server, grouped in one checkpoint; each ends `available` or `error` when due. */
export function startRun(ctx: CloudContext, req: RunRequest): { checkpoint: CheckpointRecord; items: BackupItem[] } {
  const used = projectItems(ctx, req.projectId).length;
  if (used + req.servers.length > BACKUP_QUOTA) {
    throw new DomainError("backup-quota", `Quota exceeded for resources: backups (${used} of ${BACKUP_QUOTA} used); delete backups first`);
  }
  const settings = getSettings(ctx.store);
  const at = req.at.toISOString();
  const checkpoint: CheckpointRecord = {
    id: randomUUID(), projectId: req.projectId, planId: req.planId, planName: req.planName,
    createdBy: req.automatic ? "operation-engine" : "manual", createdAt: at, resources: req.servers,
  };
  if (req.policyId) checkpoint.policyId = req.policyId;
  const existing = ctx.store.list(COLLECTIONS.items);
  const items = req.servers.map((s): BackupItem => {
    let failReason: string | undefined;
    let volumes: BackupItem["volumes"] = [];
    let az = "az1";
    try {
      const server = eligibleServer(ctx, req.projectId, s.id);
      az = server.availabilityZone;
      volumes = server.volumeIds.flatMap((vid) => {
        const v = ctx.compute.getVolume(req.projectId, vid);
        return v ? [{ id: randomUUID(), volumeId: v.id, volumeName: v.name, sizeGb: v.sizeGb, bootable: v.bootable }] : [];
      });
    } catch (e) {
      failReason = e instanceof Error ? e.message : String(e);
    }
    if (!failReason && settings.failReasons[s.id] !== undefined) failReason = settings.failReasons[s.id];
    if (!failReason && settings.failResourceIds.includes(s.id)) failReason = "the backup failed (admin setting failResourceIds)";
    // Full first, incremental after: a server with a usable earlier backup gets an incremental one.
    const incremental = existing.some((i) => i.resourceId === s.id && i.status !== "error" && i.status !== "deleting");
    const totalGb = volumes.reduce((n, v) => n + v.sizeGb, 0);
    const item: BackupItem = {
      id: randomUUID(), projectId: req.projectId, checkpointId: checkpoint.id, resourceId: s.id, resourceName: s.name,
      az, name: req.name ?? `${req.automatic ? "autobk" : "manualbk"}_${shortId()}`, description: req.description ?? "",
      status: "protecting", createdAt: at, updatedAt: at, automatic: req.automatic, incremental,
      sizeMb: Math.round(totalGb * 1024 * (incremental ? 0.05 : 0.4)), volumes, tags: req.tags ?? [],
      dueAt: addSeconds(req.at, settings.protectSeconds).toISOString(), dueRealMs: Date.now() + settings.protectSeconds * 1000,
    };
    if (settings.listDelaySeconds > 0) {
      item.listedAt = addSeconds(req.at, settings.listDelaySeconds).toISOString();
      item.listedRealMs = Date.now() + settings.listDelaySeconds * 1000;
    }
    if (req.policyId) item.policyId = req.policyId;
    if (failReason) { item.willFail = true; item.failReason = failReason; }
    return item;
  });
  ctx.store.put(COLLECTIONS.checkpoints, checkpoint);
  for (const item of items) ctx.store.put(COLLECTIONS.items, item);
  addOplog(ctx.store, {
    projectId: req.projectId, operationType: "protect", checkpointId: checkpoint.id, planId: req.planId, restoreId: null,
    scheduledOperationId: req.scheduledOperationId ?? null, status: "protecting", startedAt: at,
    extraInfo: { created_by: checkpoint.createdBy, resources: req.servers.map((s) => s.id) },
  });
  return { checkpoint, items };
}

function isDue(item: BackupItem, atMs: number): boolean {
  return (item.dueAt !== undefined && Date.parse(item.dueAt) <= atMs) || (item.dueRealMs !== undefined && item.dueRealMs <= Date.now());
}

function endTime(item: BackupItem, atMs: number): string {
  const due = item.dueAt ? Date.parse(item.dueAt) : atMs;
  return new Date(Math.min(due, atMs)).toISOString();
}

/** Applies every due transition; returns the ids of policies whose automatic backups just finished. */
export function settle(ctx: CloudContext, at: Date): Set<string> {
  const atMs = at.getTime();
  const finishedPolicies = new Set<string>();
  const touchedCheckpoints = new Set<string>();
  for (const item of ctx.store.list(COLLECTIONS.items)) {
    if (!isDue(item, atMs)) continue;
    const when = endTime(item, atMs);
    if (item.status === "protecting") {
      const done: BackupItem = { ...item, status: item.willFail ? "error" : "available", updatedAt: when };
      delete done.dueAt; delete done.dueRealMs; delete done.willFail;
      if (!item.willFail) delete done.failReason;
      ctx.store.put(COLLECTIONS.items, done);
      touchedCheckpoints.add(item.checkpointId);
      if (item.automatic && item.policyId) finishedPolicies.add(item.policyId);
    } else if (item.status === "deleting") {
      removeItem(ctx, item, when);
    } else if (item.status === "restoring") {
      const done: BackupItem = { ...item, status: "available", updatedAt: when };
      delete done.dueAt; delete done.dueRealMs; delete done.restoreId;
      ctx.store.put(COLLECTIONS.items, done);
      const restore = item.restoreId ? ctx.store.get(COLLECTIONS.restores, item.restoreId) : undefined;
      if (restore) {
        ctx.store.put(COLLECTIONS.restores, { ...restore, status: "success" });
        const server = ctx.compute.getServer(restore.projectId, restore.targetServerId);
        if (server && restore.powerOn !== false) ctx.store.put(SERVERS, { ...server, status: "ACTIVE" });
        finishOplogs(ctx.store, (l) => l.restoreId === restore.id, "success", when);
      }
    }
  }
  startQueuedDeletes(ctx, at);
  for (const checkpointId of touchedCheckpoints) {
    const items = ctx.store.list(COLLECTIONS.items).filter((i) => i.checkpointId === checkpointId);
    if (items.some((i) => i.status === "protecting")) continue;
    const failed = items.filter((i) => i.status === "error");
    finishOplogs(ctx.store, (l) => l.operationType === "protect" && l.checkpointId === checkpointId,
      failed.length > 0 ? "error" : "available", at.toISOString(),
      failed.length > 0 ? { code: "CSBS.9999", message: failed.map((i) => i.failReason).join("; ") } : null);
  }
  return finishedPolicies;
}

/** Removes a backup now (retention, or the end of an asynchronous delete). */
export function removeItem(ctx: CloudContext, item: BackupItem, at: string): void {
  ctx.store.delete(COLLECTIONS.items, item.id);
  const left = ctx.store.list(COLLECTIONS.items).some((i) => i.checkpointId === item.checkpointId);
  if (!left) ctx.store.delete(COLLECTIONS.checkpoints, item.checkpointId);
  const open = (l: { operationType: string; checkpointId: string | null; extraInfo: Record<string, unknown> }) =>
    l.operationType === "delete" && l.checkpointId === item.checkpointId && l.extraInfo.checkpoint_item_id === item.id;
  finishOplogs(ctx.store, open, "deleted", at);
}

/** The service runs at most this many deletions per project at a time; the rest wait in a queue. */
export const DELETE_SLOTS = 5;

function runningDeletes(ctx: CloudContext, projectId: string): number {
  return projectItems(ctx, projectId).filter((i) => i.status === "deleting" && !i.deleteQueued).length;
}

/** Starts queued deletions, oldest request first, while the project has free slots. */
function startQueuedDeletes(ctx: CloudContext, at: Date): void {
  const queued = ctx.store.list<BackupItem>(COLLECTIONS.items).filter((i) => i.deleteQueued)
    .sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0));
  if (queued.length === 0) return;
  const seconds = getSettings(ctx.store).deleteSeconds;
  const running = new Map<string, number>();
  for (const item of queued) {
    const count = running.get(item.projectId) ?? runningDeletes(ctx, item.projectId);
    if (count >= DELETE_SLOTS) continue;
    const next: BackupItem = { ...item, dueAt: addSeconds(at, seconds).toISOString(), dueRealMs: Date.now() + seconds * 1000 };
    delete next.deleteQueued;
    ctx.store.put(COLLECTIONS.items, next);
    running.set(item.projectId, count + 1);
  }
}

/** Whether `GET /checkpoint_items` shows the backup yet (right after a create it may not). */
export function isListed(item: BackupItem, at: Date): boolean {
  if (item.listedAt === undefined && item.listedRealMs === undefined) return true;
  return (item.listedAt !== undefined && Date.parse(item.listedAt) <= at.getTime()) || (item.listedRealMs !== undefined && item.listedRealMs <= Date.now());
}

/**
 * Starts deleting backups of a checkpoint (all of them, or the listed items). Only available or error backups
 * may be deleted, so a second delete of a `deleting` backup is refused rather than repeated.
 */
export function requestDelete(ctx: CloudContext, projectId: string, checkpointId: string, itemIds?: string[]): BackupItem[] {
  const all = projectItems(ctx, projectId).filter((i) => i.checkpointId === checkpointId);
  if (all.length === 0) throw new DomainError("item-not-found", `Checkpoint_item (${checkpointId}) is not found.`, checkpointId);
  const targets = itemIds && itemIds.length > 0 ? itemIds.map((id) => {
    const item = all.find((i) => i.id === id);
    if (!item) throw new DomainError("item-not-found", `Checkpoint_item (${id}) is not found.`, id);
    return item;
  }) : all;
  const busy = targets.find((i) => i.status !== "available" && i.status !== "error");
  if (busy) {
    throw new DomainError("item-busy", `item in executing: backup ${busy.id} is ${busy.status}; only available or error backups can be deleted`, busy.id);
  }
  const now = ctx.clock.now();
  const seconds = getSettings(ctx.store).deleteSeconds;
  let running = runningDeletes(ctx, projectId);
  return targets.map((item) => {
    const next: BackupItem = { ...item, status: "deleting", updatedAt: now.toISOString() };
    if (running < DELETE_SLOTS) {
      Object.assign(next, { dueAt: addSeconds(now, seconds).toISOString(), dueRealMs: Date.now() + seconds * 1000 });
      running++;
    } else {
      next.deleteQueued = true;
    }
    ctx.store.put(COLLECTIONS.items, next);
    addOplog(ctx.store, { projectId, operationType: "delete", checkpointId, planId: item.policyId ?? null, restoreId: null,
      scheduledOperationId: null, status: "deleting", startedAt: now.toISOString(), extraInfo: { checkpoint_item_id: item.id } });
    return next;
  });
}
