/** RESULTS.md's fleet-growth section: one row per profile count, how each column was measured, the growth. */
import type { BenchFigures } from "./figures";
import { sizeResources } from "./fleet-figures";
import type { FleetGrowthRecords, FleetSizeRecord } from "./fleet-growth";
import { placeKey } from "./request-tally";
import type { BenchScale } from "./scale";

/** How each column of the table is measured, in one sentence (the JSON keys carry the same figures). */
export const FLEET_HOW_MEASURED: ReadonlyArray<[column: string, key: string, how: string]> = [
  ["resources", "–", "policies plus associations the program declares at that size (every profile the same full project's worth)"],
  ["up ms / resource", "upWallMsPerResourceAtProfiles", "wall time of the one `pulumi up` from empty of the whole fleet, divided by the resources"],
  ["baseline up ms / resource", "baselineUpWallMsPerResourceAtProfiles", "the same of the baseline stack (the same resources as trivial dynamic resources, no calls), run just before"],
  ["up ÷ baseline", "upWallRatioVsBaselineAtProfiles", "the up's wall time divided by the baseline up's"],
  ["up requests / resource", "upRequestsPerResourceAtProfiles", "every request of that up in the cloud's request log (all services and regions, every project's token included), divided by the resources"],
  ["preview ms / resource", "previewWallMsPerResourceAtProfiles", "wall time of the one `pulumi preview --expect-no-changes` right after the up, divided by the resources"],
  ["baseline preview ms / resource", "baselinePreviewWallMsPerResourceAtProfiles", "the same of the baseline stack's no-op preview, run just before"],
  ["preview ÷ baseline", "previewWallRatioVsBaselineAtProfiles", "the preview's wall time divided by the baseline preview's"],
  ["preview requests / resource", "previewRequestsPerResourceAtProfiles", "every request of that preview (all services and regions, tokens included), divided by the resources"],
];

const seconds = (ms: number) => (ms / 1000).toFixed(2);

function places(s: FleetSizeRecord): string {
  return s.places.map((p) => `${p.project} (${p.region})`).join(", ");
}

function row(s: FleetSizeRecord, f: BenchFigures): string {
  const k = String(s.profiles);
  const up = s.up.csbs[0];
  const preview = s.preview.csbs[0];
  return [
    "",
    s.profiles,
    places(s),
    sizeResources(s),
    `${seconds(up.wallMs)} s`,
    f.upWallMsPerResourceAtProfiles[k],
    f.baselineUpWallMsPerResourceAtProfiles[k],
    f.upWallRatioVsBaselineAtProfiles[k],
    up.requests.total,
    f.upRequestsPerResourceAtProfiles[k],
    `${seconds(preview.wallMs)} s`,
    f.previewWallMsPerResourceAtProfiles[k],
    f.baselinePreviewWallMsPerResourceAtProfiles[k],
    f.previewWallRatioVsBaselineAtProfiles[k],
    preview.requests.total,
    f.previewRequestsPerResourceAtProfiles[k],
    "",
  ].join(" | ").trim();
}

/**
 * Where each size's policies were found after its up, read from each project through its region's API, and the
 * requests each project's token made in the up and the preview (the request log's project and region).
 */
function landing(s: FleetSizeRecord): string {
  const parts = s.landed.map((l) => {
    const place = s.places.find((p) => p.profile === l.profile);
    const key = place ? placeKey(place.region, place.projectId) : "";
    const up = s.up.csbs[0].requests.byPlace[key] ?? 0;
    const preview = s.preview.csbs[0].requests.byPlace[key] ?? 0;
    return `profile ${l.profile}: ${l.policies.length} policies in project ${l.project} (${l.region}), up ${up} requests, preview ${preview} with its token`;
  });
  return `* at ${s.profiles} profile${s.profiles === 1 ? "" : "s"}: ${parts.join("; ")}`;
}

export function fleetMarkdown(fleet: FleetGrowthRecords, f: BenchFigures, scale: BenchScale): string[] {
  const head = ["## Fleet growth (profiles)", ""];
  if (fleet.sizes.length === 0) return [...head, "Not run (BENCH_FLEET_PROFILES=none).", ""];
  const first = fleet.sizes[0].profiles;
  const last = fleet.sizes[fleet.sizes.length - 1].profiles;
  return [
    ...head,
    `The same program at ${f.fleetProfiles.join(", ")} profiles (BENCH_FLEET_PROFILES), each profile its own project of ` +
      `${scale.policies} policies × ${scale.serversPerPolicy} servers (${scale.associationsPerPolicy} association(s) per policy) ` +
      "with a password of its own (`csbs:profiles.<name>.*` stack config), the projects alternating between RegionOne and RegionTwo; " +
      "the baseline stack declares the same resources. For each size: the baseline's `pulumi up` from empty, then pulumi-csbs's; " +
      "the baseline's no-op preview, then pulumi-csbs's; both stacks destroyed (untimed). Each operation runs once " +
      "(not the fastest of BENCH_REPEAT): on a loaded machine the wall times are noisy, the request counts are exact.",
    "",
    "| profiles | projects (region) | resources | up wall | up ms / resource | baseline up ms / resource | up ÷ baseline | up requests | up requests / resource | preview wall | preview ms / resource | baseline preview ms / resource | preview ÷ baseline | preview requests | preview requests / resource |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...fleet.sizes.map((s) => row(s, f)),
    "",
    `Growth from ${first} to ${last} profiles (the per-resource figure at ${last} divided by the same at ${first}; 1 is flat): ` +
      `up wall ${f.upWallMsPerResourceGrowth}, up requests ${f.upRequestsPerResourceGrowth}, ` +
      `no-op preview wall ${f.previewWallMsPerResourceGrowth}, no-op preview requests ${f.previewRequestsPerResourceGrowth} ` +
      "(JSON keys `upWallMsPerResourceGrowth`, `upRequestsPerResourceGrowth`, `previewWallMsPerResourceGrowth`, `previewRequestsPerResourceGrowth`).",
    "",
    "How each column was measured (JSON key: one object keyed by the profile count):",
    "",
    ...FLEET_HOW_MEASURED.map(([column, key, how]) => `* ${column}${key === "–" ? "" : ` (\`${key}\`)`}: ${how}`),
    "",
    "Where the policies landed (each project's policy list after the up, as a member of that project, at its region's endpoint), and the requests made with each project's token:",
    "",
    ...fleet.sizes.map(landing),
    "",
  ];
}
