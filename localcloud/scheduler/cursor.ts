/**
 * How far the scheduler has run, kept in the store (`csbs.scheduler` / `cursor`) so a restart on the same state
 * directory resumes where it stopped: start the new cloud with its clock at `readCursor(store)` and nothing is
 * lost or repeated.
 */
import type { Store } from "../core/contracts";
import { COLLECTIONS } from "../csbs/model/types";

export function readCursor(store: Store): Date | undefined {
  const rec = store.get(COLLECTIONS.scheduler, "cursor");
  return rec ? new Date(rec.at) : undefined;
}

export function writeCursor(store: Store, at: Date): void {
  store.put(COLLECTIONS.scheduler, { id: "cursor", at: at.toISOString() });
}
