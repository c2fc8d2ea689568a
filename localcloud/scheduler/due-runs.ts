/** Which scheduled runs fall in a time span, over every enabled policy of every project, in time order. */
import type { Store } from "../core/contracts";
import { parseIcal } from "../csbs/ical";
import { COLLECTIONS, PolicyRecord } from "../csbs/model/types";
import { epochDay, occurrencesBetween } from "../csbs/schedule-rules";

export interface DueRun {
  at: Date;
  policyId: string;
}

/** Every run in (from, to]: a policy runs only after it was created, enabled or given its current pattern. */
export function dueRuns(store: Store, from: Date, to: Date): DueRun[] {
  const runs: DueRun[] = [];
  for (const policy of store.list(COLLECTIONS.policies)) {
    if (!policy.schedule.enabled) continue;
    const parsed = parseIcal(policy.schedule.pattern);
    if (!parsed.ok) continue; // stored patterns were checked on write; an unreadable one never runs
    const since = new Date(Math.max(from.getTime(), Date.parse(policy.schedule.activeSince)));
    const startDay = epochDay(new Date(policy.schedule.startTime));
    for (const at of occurrencesBetween(parsed.rules, startDay, since, to)) runs.push({ at, policyId: policy.id });
  }
  return runs.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.policyId < b.policyId ? -1 : 1));
}
