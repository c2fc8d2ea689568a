/**
 * Pruning of automatic backups after a run: by count (newest N available automatic backups per server), by age
 * (older than N days at run time), either rule enough to delete when both are set, `permanent` keeps all. The
 * long-term rule (`long-term.ts`) keeps, on top, the newest backup of each of the last days/weeks/months/years:
 * a backup goes only when neither keeps it. With a long-term rule and neither count nor age set, the long-term
 * rule alone decides. Manual backups are never pruned. Failed periodic backups: at most 10 per policy, each at
 * most 30 days old, whatever the retention.
 */
import type { CloudContext } from "../../core/contracts";
import { FAILED_BACKUP_MAX_AGE_DAYS, MAX_FAILED_PERIODIC_BACKUPS } from "../limits";
import { removeItem } from "./backups";
import { hasLongTerm, longTermKept } from "./long-term";
import { addOplog } from "./oplogs";
import { BackupItem, COLLECTIONS, PolicyRecord } from "./types";

const DAY_MS = 86_400_000;

function newestFirst(a: BackupItem, b: BackupItem): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? -1 : 1);
}

/** Returns the automatic backups of the policy that retention deletes at `at`. */
export function retentionVictims(policy: PolicyRecord, items: BackupItem[], at: Date): BackupItem[] {
  const { maxBackups, retentionDurationDays, permanent, longTerm } = policy.schedule.retention;
  const basicSet = maxBackups > 0 || retentionDurationDays > 0;
  const own = items.filter((i) => i.automatic && i.policyId === policy.id);
  const victims = new Map<string, BackupItem>();
  if (!permanent) {
    const byServer = new Map<string, BackupItem[]>();
    for (const item of own.filter((i) => i.status === "available")) {
      byServer.set(item.resourceId, [...(byServer.get(item.resourceId) ?? []), item]);
    }
    for (const list of byServer.values()) {
      list.sort(newestFirst);
      const longKept = hasLongTerm(longTerm) ? longTermKept(list, longTerm, at) : undefined;
      list.forEach((item, index) => {
        const tooMany = maxBackups > 0 && index >= maxBackups;
        const tooOld = retentionDurationDays > 0 && Date.parse(item.createdAt) < at.getTime() - retentionDurationDays * DAY_MS;
        const basicKeeps = basicSet ? !(tooMany || tooOld) : !longKept;
        if (!basicKeeps && !longKept?.has(item.id)) victims.set(item.id, item);
      });
    }
  }
  const failed = own.filter((i) => i.status === "error").sort(newestFirst);
  failed.forEach((item, index) => {
    const tooOld = Date.parse(item.createdAt) < at.getTime() - FAILED_BACKUP_MAX_AGE_DAYS * DAY_MS;
    if (index >= MAX_FAILED_PERIODIC_BACKUPS || tooOld) victims.set(item.id, item);
  });
  return [...victims.values()];
}

/**
 * Deletes what retention says at `at`; returns how many backups went. Each deletion is logged as a finished
 * `delete` operation (created_by "retention"), as the real service lists expiry deletions among its jobs, so
 * that what retention pruned stays visible after the backups are gone.
 */
export function applyRetention(ctx: CloudContext, policy: PolicyRecord, at: Date): number {
  const victims = retentionVictims(policy, ctx.store.list(COLLECTIONS.items), at);
  const when = at.toISOString();
  for (const item of victims) {
    addOplog(ctx.store, {
      projectId: policy.projectId, operationType: "delete", checkpointId: item.checkpointId, planId: policy.id,
      restoreId: null, scheduledOperationId: null, status: "deleting", startedAt: when,
      extraInfo: { checkpoint_item_id: item.id, created_by: "retention" },
    });
    removeItem(ctx, item, when);
  }
  return victims.length;
}
