/** Karbor-style operation logs (docs/csbs-api-notes.md E #2): one per protect, delete and restore run. */
import { randomUUID } from "node:crypto";
import type { Store } from "../../core/contracts";
import { COLLECTIONS, OperationLog } from "./types";

export function addOplog(store: Store, entry: Omit<OperationLog, "id" | "endedAt" | "errorInfo"> & Partial<OperationLog>): OperationLog {
  const log: OperationLog = { endedAt: null, errorInfo: null, ...entry, id: randomUUID() };
  store.put(COLLECTIONS.oplogs, log);
  return log;
}

/** Marks the open log of a checkpoint (or restore) operation as finished. */
export function finishOplogs(store: Store, match: (log: OperationLog) => boolean, status: string, at: string,
  errorInfo: OperationLog["errorInfo"] = null): void {
  for (const log of store.list(COLLECTIONS.oplogs)) {
    if (log.endedAt === null && match(log)) store.put(COLLECTIONS.oplogs, { ...log, status, endedAt: at, errorInfo });
  }
}
