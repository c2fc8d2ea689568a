/**
 * The bench's figures, computed from the recorded operations (pure). Each figure says in `FIGURE_NOTES`
 * how it is measured; RESULTS.md prints those notes next to the numbers.
 */
import type { OperationRecord } from "./timed-operation";
import type { RequestTally } from "./request-tally";

/** The operations one bench run records, by role. */
export interface BenchRecords {
  resources: { policies: number; associations: number };
  /** Associations whose servers the change scenario changes. */
  changedAssociations: number;
  csbsUp: OperationRecord;
  baselineUp: OperationRecord;
  csbsPreviews: OperationRecord[];
  baselinePreviews: OperationRecord[];
  csbsChange: OperationRecord;
  baselineChange: OperationRecord;
  csbsRefresh: OperationRecord;
  baselineRefresh: OperationRecord;
  /** Counting stack: `up` creating only the policies, then `up` adding every association. */
  countPolicies: OperationRecord;
  countAssociations: OperationRecord;
}

/** The JSON line's keys (the list, plus the change scenario and the breakdowns behind them). */
export interface BenchFigures {
  authsPerOperation: number;
  requestsPerPolicyCreate: number;
  requestsPerAssociationChange: number;
  requestsPerAssociationCreate: number;
  requestsPerAssociationUpdate: number;
  noopPreviewRequests: number;
  noopPreviewWrites: number;
  noopPreviewListings: number;
  refreshRequestsPerResource: number;
  upWallRatioVsBaseline: number;
  previewWallRatioVsBaseline: number;
  refreshWallRatioVsBaseline: number;
  providerCpuMsPerHook: number;
  providerProcessCpuMsPerHook: number;
  changeRequests: number;
  changeWrites: number;
  changeCsbsRequestsPerChangedAssociation: number;
  changeWallRatioVsBaseline: number;
  upWallMs: number;
  baselineUpWallMs: number;
  previewWallMs: number;
  baselinePreviewWallMs: number;
  changeWallMs: number;
  baselineChangeWallMs: number;
  refreshWallMs: number;
  baselineRefreshWallMs: number;
  policies: number;
  associations: number;
  servers: number;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function csbsRequests(t: RequestTally): number {
  return (t.byService.csbs ?? 0) + (t.byService.karbor ?? 0);
}

function listings(t: RequestTally): number {
  return Object.values(t.listings).reduce((a, b) => a + b, 0);
}

function fastest(ops: OperationRecord[]): OperationRecord {
  return ops.reduce((best, op) => (op.wallMs < best.wallMs ? op : best));
}

function hookCalls(op: OperationRecord): number {
  return Object.values(op.provider.hooks).reduce((sum, h) => sum + h.calls, 0);
}

/** Operations of the csbs stack paired with the same operation of the baseline. */
function pairs(r: BenchRecords): Array<[OperationRecord, OperationRecord]> {
  return [
    [r.csbsUp, r.baselineUp],
    ...r.csbsPreviews.map((p, i): [OperationRecord, OperationRecord] => [p, r.baselinePreviews[i] ?? r.baselinePreviews[0]]),
    [r.csbsChange, r.baselineChange],
    [r.csbsRefresh, r.baselineRefresh],
  ];
}

export function computeFigures(r: BenchRecords, servers: number): BenchFigures {
  const csbsOps = [r.csbsUp, ...r.csbsPreviews, r.csbsChange, r.csbsRefresh, r.countPolicies, r.countAssociations];
  const preview = r.csbsPreviews[0];
  const totalResources = r.resources.policies + r.resources.associations;
  const perCreate = csbsRequests(r.countAssociations.requests) / Math.max(1, r.resources.associations);
  const perUpdate = csbsRequests(r.csbsChange.requests) / Math.max(1, r.changedAssociations);
  let extraCpu = 0;
  let processCpu = 0;
  let calls = 0;
  for (const [ours, base] of pairs(r)) {
    extraCpu += ours.provider.cpuMs - base.provider.cpuMs;
    processCpu += ours.provider.cpuMs;
    calls += hookCalls(ours);
  }
  const previewOurs = fastest(r.csbsPreviews);
  const previewBase = fastest(r.baselinePreviews);
  return {
    authsPerOperation: Math.max(...csbsOps.map((op) => op.requests.auths)),
    requestsPerPolicyCreate: round(csbsRequests(r.countPolicies.requests) / Math.max(1, r.resources.policies)),
    requestsPerAssociationChange: round(Math.max(perCreate, perUpdate)),
    requestsPerAssociationCreate: round(perCreate),
    requestsPerAssociationUpdate: round(perUpdate),
    noopPreviewRequests: preview.requests.total,
    noopPreviewWrites: preview.requests.writes,
    noopPreviewListings: listings(preview.requests),
    refreshRequestsPerResource: round(r.csbsRefresh.requests.total / Math.max(1, totalResources)),
    upWallRatioVsBaseline: round(r.csbsUp.wallMs / r.baselineUp.wallMs),
    previewWallRatioVsBaseline: round(previewOurs.wallMs / previewBase.wallMs),
    refreshWallRatioVsBaseline: round(r.csbsRefresh.wallMs / r.baselineRefresh.wallMs),
    providerCpuMsPerHook: round(Math.max(0, extraCpu) / Math.max(1, calls), 3),
    providerProcessCpuMsPerHook: round(processCpu / Math.max(1, calls), 3),
    changeRequests: r.csbsChange.requests.total,
    changeWrites: r.csbsChange.requests.writes,
    changeCsbsRequestsPerChangedAssociation: round(perUpdate),
    changeWallRatioVsBaseline: round(r.csbsChange.wallMs / r.baselineChange.wallMs),
    upWallMs: Math.round(r.csbsUp.wallMs),
    baselineUpWallMs: Math.round(r.baselineUp.wallMs),
    previewWallMs: Math.round(previewOurs.wallMs),
    baselinePreviewWallMs: Math.round(previewBase.wallMs),
    changeWallMs: Math.round(r.csbsChange.wallMs),
    baselineChangeWallMs: Math.round(r.baselineChange.wallMs),
    refreshWallMs: Math.round(r.csbsRefresh.wallMs),
    baselineRefreshWallMs: Math.round(r.baselineRefresh.wallMs),
    policies: r.resources.policies,
    associations: r.resources.associations,
    servers,
  };
}

/** Goals from issue 7, for the figures that have one: [goal text, met?]. */
export function goals(f: BenchFigures): Array<{ key: keyof BenchFigures; goal: string; met: boolean }> {
  return [
    { key: "authsPerOperation", goal: "1 (one project per operation)", met: f.authsPerOperation <= 1 },
    { key: "requestsPerPolicyCreate", goal: "1 write (+ waiting only when not immediately usable)", met: f.requestsPerPolicyCreate < 1.5 },
    { key: "requestsPerAssociationChange", goal: "2 (1 read + 1 write of the policy)", met: f.requestsPerAssociationChange < 2.5 },
    { key: "noopPreviewWrites", goal: "0", met: f.noopPreviewWrites === 0 },
    { key: "noopPreviewRequests", goal: "at most one listing per project, not one request per resource", met: f.noopPreviewRequests < f.policies + f.associations },
    { key: "refreshRequestsPerResource", goal: "≤ 1", met: f.refreshRequestsPerResource <= 1 },
    { key: "upWallRatioVsBaseline", goal: "≤ 1.3", met: f.upWallRatioVsBaseline <= 1.3 },
    { key: "previewWallRatioVsBaseline", goal: "≤ 1.3", met: f.previewWallRatioVsBaseline <= 1.3 },
    { key: "providerCpuMsPerHook", goal: "< 5 ms", met: f.providerCpuMsPerHook < 5 },
  ];
}

