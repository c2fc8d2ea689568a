/**
 * The fleet-growth section's figures (pure): per profile count, the up's and the no-op preview's wall time and
 * requests per resource, their ratio to the baseline, and how much each per-resource figure grows from the
 * smallest fleet to the largest (1 = flat per resource).
 */
import type { FleetGrowthRecords, FleetSizeRecord } from "./fleet-growth";
import type { OperationRecord } from "./timed-operation";

/** Keyed by the profile count ("1", "2", "4"). */
export type AtProfiles = Record<string, number>;

export interface FleetFigures {
  /** The profile counts measured, in order. */
  fleetProfiles: number[];
  upWallMsPerResourceAtProfiles: AtProfiles;
  upRequestsPerResourceAtProfiles: AtProfiles;
  baselineUpWallMsPerResourceAtProfiles: AtProfiles;
  upWallRatioVsBaselineAtProfiles: AtProfiles;
  previewWallMsPerResourceAtProfiles: AtProfiles;
  previewRequestsPerResourceAtProfiles: AtProfiles;
  baselinePreviewWallMsPerResourceAtProfiles: AtProfiles;
  previewWallRatioVsBaselineAtProfiles: AtProfiles;
  /** Each per-resource figure at the largest profile count divided by the same at the smallest (standard: 4 vs 1). */
  upWallMsPerResourceGrowth: number;
  upRequestsPerResourceGrowth: number;
  previewWallMsPerResourceGrowth: number;
  previewRequestsPerResourceGrowth: number;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function sizeResources(s: FleetSizeRecord): number {
  return s.resources.policies + s.resources.associations;
}

function only(runs: OperationRecord[]): OperationRecord {
  return runs[0];
}

function atProfiles(sizes: readonly FleetSizeRecord[], value: (s: FleetSizeRecord) => number, digits = 2): AtProfiles {
  return Object.fromEntries(sizes.map((s) => [String(s.profiles), round(value(s), digits)]));
}

/** Largest over smallest; 0 when fewer than two sizes were measured (nothing to compare). */
function growth(sizes: readonly FleetSizeRecord[], value: (s: FleetSizeRecord) => number): number {
  if (sizes.length < 2) return 0;
  const first = value(sizes[0]);
  const last = value(sizes[sizes.length - 1]);
  return first === 0 ? 0 : round(last / first);
}

export function computeFleetFigures(r: FleetGrowthRecords): FleetFigures {
  const sizes = r.sizes;
  const perResource = (pick: (s: FleetSizeRecord) => OperationRecord, measure: (op: OperationRecord) => number) => (s: FleetSizeRecord) =>
    measure(pick(s)) / Math.max(1, sizeResources(s));
  const wall = (op: OperationRecord) => op.wallMs;
  const requests = (op: OperationRecord) => op.requests.total;
  const upWall = perResource((s) => only(s.up.csbs), wall);
  const upRequests = perResource((s) => only(s.up.csbs), requests);
  const previewWall = perResource((s) => only(s.preview.csbs), wall);
  const previewRequests = perResource((s) => only(s.preview.csbs), requests);
  return {
    fleetProfiles: sizes.map((s) => s.profiles),
    upWallMsPerResourceAtProfiles: atProfiles(sizes, upWall, 1),
    upRequestsPerResourceAtProfiles: atProfiles(sizes, upRequests),
    baselineUpWallMsPerResourceAtProfiles: atProfiles(sizes, perResource((s) => only(s.up.baseline), wall), 1),
    upWallRatioVsBaselineAtProfiles: atProfiles(sizes, (s) => only(s.up.csbs).wallMs / only(s.up.baseline).wallMs),
    previewWallMsPerResourceAtProfiles: atProfiles(sizes, previewWall, 1),
    previewRequestsPerResourceAtProfiles: atProfiles(sizes, previewRequests),
    baselinePreviewWallMsPerResourceAtProfiles: atProfiles(sizes, perResource((s) => only(s.preview.baseline), wall), 1),
    previewWallRatioVsBaselineAtProfiles: atProfiles(sizes, (s) => only(s.preview.csbs).wallMs / only(s.preview.baseline).wallMs),
    upWallMsPerResourceGrowth: growth(sizes, upWall),
    upRequestsPerResourceGrowth: growth(sizes, upRequests),
    previewWallMsPerResourceGrowth: growth(sizes, previewWall),
    previewRequestsPerResourceGrowth: growth(sizes, previewRequests),
  };
}
