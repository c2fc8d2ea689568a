/**
 * The bench's figures, computed from the recorded operations (pure). RESULTS.md prints next to each figure
 * how it is measured (results-markdown.ts, HOW_MEASURED).
 */
import type { RequestTally } from "./request-tally";
import type { OperationRecord } from "./timed-operation";

/** The same operation of the pulumi-csbs stack and of the baseline, each run `repeat` times, alternately. */
export interface PairedRuns {
  csbs: OperationRecord[];
  baseline: OperationRecord[];
}

/** The operations one bench run records, by role. */
export interface BenchRecords {
  resources: { policies: number; associations: number };
  /** Associations whose servers the change scenario changes. */
  changedAssociations: number;
  /** `pulumi up` from empty (stacks destroyed, untimed, between repeats). */
  up: PairedRuns;
  /** `pulumi preview --expect-no-changes` right after the up. */
  preview: PairedRuns;
  /** `pulumi up` replacing half the servers of every policy (then back, then again: each run is such a change). */
  change: PairedRuns;
  refresh: PairedRuns;
  /** Counting stack: `up` creating only the policies, then `up` adding every association. */
  countPolicies: OperationRecord;
  countAssociations: OperationRecord;
  /** Wall time of the calls a no-op preview cannot avoid, made directly (api-floor.ts). */
  noopPreviewApiFloorMs: number;
}

/** The JSON line's keys: the list, the change scenario, and the breakdowns behind them. */
export interface BenchFigures {
  authsPerOperation: number;
  requestsPerPolicyCreate: number;
  requestsPerAssociationChange: number;
  requestsPerAssociationCreate: number;
  requestsPerAssociationUpdate: number;
  noopPreviewRequests: number;
  noopPreviewWrites: number;
  noopPreviewListingRequests: number;
  upRequests: number;
  refreshRequestsPerResource: number;
  upWallRatioVsBaseline: number;
  previewWallRatioVsBaseline: number;
  /** (baseline preview + the preview's API floor) / baseline preview: the ratio the API calls alone would give. */
  previewApiFloorRatio: number;
  noopPreviewApiFloorMs: number;
  refreshWallRatioVsBaseline: number;
  providerCpuMsPerHook: number;
  providerProcessCpuMsPerHook: number;
  changeRequests: number;
  changeWrites: number;
  changeWallRatioVsBaseline: number;
  /** Median of the per-repeat ratios (each csbs run over the baseline run next to it), for a sense of the noise. */
  medianWallRatios: { up: number; preview: number; change: number; refresh: number };
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

function fastest(ops: OperationRecord[]): number {
  return Math.min(...ops.map((op) => op.wallMs));
}

export function hookCalls(op: OperationRecord): number {
  return Object.values(op.provider.hooks).reduce((sum, h) => sum + h.calls, 0);
}

/** Every pulumi-csbs operation paired with the baseline run of the same operation next to it. */
function pairs(r: BenchRecords): Array<[OperationRecord, OperationRecord]> {
  return [r.up, r.preview, r.change, r.refresh].flatMap((p) => p.csbs.map((op, i): [OperationRecord, OperationRecord] => [op, p.baseline[i]]));
}

/** Every recorded operation in the order it ran. */
export function allOperations(r: BenchRecords): OperationRecord[] {
  return [r.up, r.preview, r.change, r.refresh]
    .flatMap((p) => p.csbs.flatMap((op, i) => [p.baseline[i], op]))
    .concat([r.countPolicies, r.countAssociations]);
}

export function computeFigures(r: BenchRecords, servers: number): BenchFigures {
  const csbsOps = [...r.up.csbs, ...r.preview.csbs, ...r.change.csbs, ...r.refresh.csbs, r.countPolicies, r.countAssociations];
  const preview = r.preview.csbs[0];
  const change = r.change.csbs[0];
  const totalResources = r.resources.policies + r.resources.associations;
  const perCreate = csbsRequests(r.countAssociations.requests) / Math.max(1, r.resources.associations);
  const perUpdate = csbsRequests(change.requests) / Math.max(1, r.changedAssociations);
  let extraCpu = 0;
  let processCpu = 0;
  let calls = 0;
  for (const [ours, base] of pairs(r)) {
    extraCpu += ours.provider.cpuMs - base.provider.cpuMs;
    processCpu += ours.provider.cpuMs;
    calls += hookCalls(ours);
  }
  const ratio = (p: PairedRuns) => round(fastest(p.csbs) / fastest(p.baseline));
  const median = (p: PairedRuns) => {
    const rs = p.csbs.map((op, i) => op.wallMs / p.baseline[i].wallMs).sort((a, b) => a - b);
    const mid = Math.floor(rs.length / 2);
    return round(rs.length % 2 ? rs[mid] : (rs[mid - 1] + rs[mid]) / 2);
  };
  return {
    authsPerOperation: Math.max(...csbsOps.map((op) => op.requests.auths)),
    requestsPerPolicyCreate: round(csbsRequests(r.countPolicies.requests) / Math.max(1, r.resources.policies)),
    requestsPerAssociationChange: round(Math.max(perCreate, perUpdate)),
    requestsPerAssociationCreate: round(perCreate),
    requestsPerAssociationUpdate: round(perUpdate),
    noopPreviewRequests: preview.requests.total,
    noopPreviewWrites: preview.requests.writes,
    noopPreviewListingRequests: Object.values(preview.requests.listings).reduce((a, b) => a + b, 0),
    upRequests: r.up.csbs[0].requests.total,
    refreshRequestsPerResource: round(r.refresh.csbs[0].requests.total / Math.max(1, totalResources)),
    upWallRatioVsBaseline: ratio(r.up),
    previewWallRatioVsBaseline: ratio(r.preview),
    previewApiFloorRatio: round((fastest(r.preview.baseline) + r.noopPreviewApiFloorMs) / fastest(r.preview.baseline)),
    noopPreviewApiFloorMs: Math.round(r.noopPreviewApiFloorMs),
    refreshWallRatioVsBaseline: ratio(r.refresh),
    providerCpuMsPerHook: round(Math.max(0, extraCpu) / Math.max(1, calls), 3),
    providerProcessCpuMsPerHook: round(processCpu / Math.max(1, calls), 3),
    changeRequests: change.requests.total,
    changeWrites: change.requests.writes,
    changeWallRatioVsBaseline: ratio(r.change),
    medianWallRatios: { up: median(r.up), preview: median(r.preview), change: median(r.change), refresh: median(r.refresh) },
    upWallMs: Math.round(fastest(r.up.csbs)),
    baselineUpWallMs: Math.round(fastest(r.up.baseline)),
    previewWallMs: Math.round(fastest(r.preview.csbs)),
    baselinePreviewWallMs: Math.round(fastest(r.preview.baseline)),
    changeWallMs: Math.round(fastest(r.change.csbs)),
    baselineChangeWallMs: Math.round(fastest(r.change.baseline)),
    refreshWallMs: Math.round(fastest(r.refresh.csbs)),
    baselineRefreshWallMs: Math.round(fastest(r.refresh.baseline)),
    policies: r.resources.policies,
    associations: r.resources.associations,
    servers,
  };
}

/** Goals from issue 7, for the figures that have one. */
export function goals(f: BenchFigures): Array<{ key: keyof BenchFigures; goal: string; met: boolean }> {
  return [
    { key: "authsPerOperation", goal: "1 (one project per operation)", met: f.authsPerOperation <= 1 },
    { key: "requestsPerPolicyCreate", goal: "1 write (+ waiting only when not immediately usable)", met: f.requestsPerPolicyCreate < 1.5 },
    { key: "requestsPerAssociationChange", goal: "2 (1 read + 1 write of the policy)", met: f.requestsPerAssociationChange < 2.5 },
    { key: "noopPreviewWrites", goal: "0", met: f.noopPreviewWrites === 0 },
    {
      key: "noopPreviewRequests",
      goal: "one listing per project and API, not one request per resource",
      met: f.noopPreviewRequests - f.noopPreviewListingRequests <= 1,
    },
    { key: "refreshRequestsPerResource", goal: "≤ 1", met: f.refreshRequestsPerResource <= 1 },
    { key: "upWallRatioVsBaseline", goal: "≤ 1.3", met: f.upWallRatioVsBaseline <= 1.3 },
    { key: "previewWallRatioVsBaseline", goal: "≤ 1.3", met: f.previewWallRatioVsBaseline <= 1.3 },
    { key: "providerCpuMsPerHook", goal: "< 5 ms", met: f.providerCpuMsPerHook < 5 },
  ];
}
