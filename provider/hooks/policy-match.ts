/**
 * Whether a live policy already is what the user declares: used by `adopt` (and by the recovery of a create
 * whose resource never reached state) before taking a policy over. Each difference is one sentence.
 */
import type { PolicyRecord, PolicySpec } from "../backends/policy-backend";
import { retentionFromRecord, retentionMatches } from "../domain/retention";
import { patternKey, tagsKey } from "./normalize";

export function policyDifferences(live: PolicyRecord, spec: PolicySpec): string[] {
  const out: string[] = [];
  if (live.description !== spec.description) {
    out.push(`description is ${JSON.stringify(live.description)} in the cloud but ${JSON.stringify(spec.description)} here`);
  }
  if (live.enabled !== spec.enabled) out.push(`enabled is ${live.enabled} in the cloud but ${spec.enabled} here`);
  if (patternKey(live.pattern) !== patternKey(spec.pattern)) {
    out.push(`the schedule differs: the cloud runs ${oneLine(live.pattern)}, this program asks for ${oneLine(spec.pattern)}`);
  }
  if (!retentionMatches(spec.retention, live.retention)) {
    out.push(`retention is ${JSON.stringify(retentionFromRecord(live.retention) ?? live.retention)} in the cloud but ${JSON.stringify(spec.retention)} here`);
  }
  if (tagsKey(live.tags) !== tagsKey(spec.tags)) out.push(`tags are ${JSON.stringify(live.tags)} in the cloud but ${JSON.stringify(spec.tags)} here`);
  return out;
}

function oneLine(pattern: string): string {
  const rules = pattern.split(/\r?\n/).filter((l) => l.startsWith("RRULE:"));
  return rules.length > 0 ? rules.map((r) => r.slice("RRULE:".length)).join(" + ") : JSON.stringify(pattern);
}
