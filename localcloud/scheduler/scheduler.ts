/**
 * The operation engine of the local cloud: makes the scheduled runs of enabled policies against the cloud's
 * clock, one `autobk_` backup per server per run, then applies retention. Runs are serialized (clock advances
 * and the real-time timer never interleave) and idempotent per (policy, instant), so a restart or a clock set
 * backwards never makes a run twice while its backups still exist.
 */
import type { CloudContext } from "../core/contracts";
import { settle, startRun } from "../csbs/model/backups";
import { DomainError } from "../csbs/model/domain-error";
import { runInProgress } from "../csbs/model/execution";
import { addOplog } from "../csbs/model/oplogs";
import { applyRetention } from "../csbs/model/retention";
import { CheckpointRecord, COLLECTIONS, PolicyRecord } from "../csbs/model/types";
import { readCursor, writeCursor } from "./cursor";
import { dueRuns } from "./due-runs";

export interface Scheduler {
  /** Runs everything due in (from, to] (or from the cursor, when it lags behind `from`). */
  advance(from: Date, to: Date): Promise<void>;
}

/**
 * A cursor that only moved through empty time need not be written at every 1 s tick of a real clock (each
 * write is an fsync in persistent mode); re-reading an empty stretch after a restart finds nothing to run.
 */
const CURSOR_WRITE_EVERY_MS = 60_000;

export function createScheduler(ctx: CloudContext): Scheduler {
  let chain: Promise<void> = Promise.resolve();
  if (!readCursor(ctx.store)) writeCursor(ctx.store, ctx.clock.now());

  const serialized = (work: () => void): Promise<void> => {
    const next = chain.then(work).catch((e: unknown) => ctx.log(`scheduler: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
    chain = next;
    return next;
  };

  const runSpan = (from: Date, to: Date): void => {
    const cursor = readCursor(ctx.store) ?? from;
    const start = cursor.getTime() < from.getTime() ? cursor : from;
    if (to.getTime() <= start.getTime()) {
      // The clock went backwards: follow it, the per-run guard below keeps runs from repeating.
      if (to.getTime() < cursor.getTime()) writeCursor(ctx.store, to);
      return;
    }
    let ran = false;
    const made = new Set(ctx.store.list(COLLECTIONS.checkpoints)
      .filter((c) => c.createdBy === "operation-engine").map((c) => `${c.policyId}@${c.createdAt}`));
    for (const run of dueRuns(ctx.store, start, to)) {
      retainFinished(ctx, settle(ctx, run.at), run.at);
      const policy = ctx.store.get(COLLECTIONS.policies, run.policyId);
      if (policy && !made.has(`${policy.id}@${run.at.toISOString()}`)) runPolicy(ctx, policy, run.at);
      retainFinished(ctx, settle(ctx, run.at), run.at);
      if (policy) applyRetention(ctx, ctx.store.get(COLLECTIONS.policies, policy.id) ?? policy, run.at);
      writeCursor(ctx.store, run.at);
      ran = true;
    }
    retainFinished(ctx, settle(ctx, to), to);
    const stored = readCursor(ctx.store);
    if (ran || !stored || to.getTime() - stored.getTime() >= CURSOR_WRITE_EVERY_MS) writeCursor(ctx.store, to);
  };

  return { advance: (from, to) => serialized(() => runSpan(from, to)) };
}

function retainFinished(ctx: CloudContext, policyIds: Set<string>, at: Date): void {
  for (const id of policyIds) {
    const policy = ctx.store.get(COLLECTIONS.policies, id);
    if (policy) applyRetention(ctx, policy, at);
  }
}

/** One scheduled run; a manual run in progress postpones it to the next cycle, as the seed says. */
function runPolicy(ctx: CloudContext, policy: PolicyRecord, at: Date): void {
  const base = { projectId: policy.projectId, operationType: "protect" as const, checkpointId: null, planId: policy.id,
    restoreId: null, scheduledOperationId: policy.schedule.operationId, startedAt: at.toISOString(), endedAt: at.toISOString() };
  if (runInProgress(ctx, policy.id).manual) {
    addOplog(ctx.store, { ...base, status: "skipped", extraInfo: { reason: "a manual backup of the policy was in progress" } });
    return;
  }
  if (policy.servers.length === 0) return;
  try {
    startRun(ctx, { projectId: policy.projectId, policyId: policy.id, planId: policy.id, planName: policy.name,
      servers: policy.servers, at, automatic: true, scheduledOperationId: policy.schedule.operationId });
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    addOplog(ctx.store, { ...base, status: "error", errorInfo: { code: "CSBS.9006", message: e.message }, extraInfo: {} });
  }
}
