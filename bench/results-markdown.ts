/** Renders bench/RESULTS.md from one run: machine, scale, every figure with how it was measured, every operation. */
import { allOperations, exactFigures, goals, hookCalls, type BenchFigures } from "./figures";
import { fleetMarkdown } from "./fleet-markdown";
import type { BenchOutcome } from "./run-bench";
import type { OperationRecord } from "./timed-operation";

/**
 * What a "requests" figure counts: every entry of the local cloud's request log while the operation ran, of every
 * service. Each listing page is one request; the bench's own admin calls (request log, fixtures, settings) are not.
 */
const ALL = "every request the local cloud logged (CSBS, Nova, Cinder and the Keystone token; each listing page one request; not the bench's admin calls)";
/** What a "…Csbs" figure counts. */
const CSBS = "the data-protection API's requests only (CSBS, or Karbor in a Karbor project; no Nova, Cinder or token)";
/** The counted ups run without a preview pass, so their requests are the update's alone. */
const UP = "`pulumi up --yes --skip-preview`";

/** How each figure is measured, in one sentence: for a request figure, exactly which requests it counts. */
export const HOW_MEASURED: Partial<Record<keyof BenchFigures, string>> = {
  authsPerOperation:
    "Keystone token requests (POST /identity/v3/auth/tokens in the cloud's request log) of each pulumi-csbs engine operation, divided by the projects it made requests in (with BENCH_PROFILES > 1 an operation spans several); the largest over all of them",
  requestsPerPolicyCreate: `${ALL} of a ${UP} that creates only the policies, on an empty stack (counting stack, project bench-count), divided by the policies`,
  requestsPerPolicyCreateCsbs: `${CSBS} of that up, divided by the policies`,
  requestsPerPolicyCreateWithWaits:
    `${ALL} of the same policies-only up while the local cloud keeps each new policy \`creating\` for 5 s (creatingSeconds 5, deleteSeconds 5), divided by the policies`,
  pollsPerPolicyCreateWithWaits:
    "looks at the policies while they are `creating` in that up (GETs of one policy, plus the policy listings after the check's one: policies waiting together share a listing), divided by the policies",
  upWaitOverheadRatio:
    "(wall time of the fastest of the repeated `pulumi up`s of the main stack from empty with creatingSeconds 5 − the fastest same up with creatingSeconds 0) ÷ 5 s: 1 means the 32 waits together cost one wait",
  upWithWaitsWallMs: "wall time of the fastest of those ups with creatingSeconds 5",
  requestsPerAssociationChange: "the larger of requestsPerAssociationCreate and requestsPerAssociationUpdate (compared unrounded)",
  requestsPerAssociationChangeCsbs: "the larger of requestsPerAssociationCreateCsbs and requestsPerAssociationUpdateCsbs",
  requestsPerAssociationCreate:
    `${ALL} of a ${UP} that adds the associations (one per policy) to policies that exist and hold no servers (counting stack, project bench-count, 2048 servers at full scale), divided by the associations`,
  requestsPerAssociationCreateCsbs: `${CSBS} of that up, divided by the associations`,
  requestsPerAssociationUpdate:
    `${ALL} of a change ${UP} (main stack, project bench: half of every association's servers replaced by spare servers of the same project, 3072 servers at full scale), divided by the associations whose servers changed; of the repeated changes, the one that sent the most requests`,
  requestsPerAssociationUpdateCsbs: `${CSBS} of that up, divided by the associations whose servers changed`,
  requestsPerAssociationChangeAt8: "the larger of requestsPerAssociationCreateAt8 and requestsPerAssociationUpdateAt8 (compared unrounded)",
  requestsPerAssociationCreateAt8:
    `${ALL} of a ${UP} that adds 8 associations to each policy of the counting stack (policies that exist and hold no servers), divided by the associations`,
  requestsPerAssociationUpdateAt8:
    `${ALL} of a change ${UP} of the 8-per-policy stack (project bench-8; half of EVERY association's servers replaced at once), divided by the associations changed; of the repeated changes, the one that sent the most requests`,
  noopPreviewRequests: `${ALL} of a \`pulumi preview --expect-no-changes\` after the up; of the repeated previews, the one that sent the most`,
  noopPreviewWrites: "requests other than GET/HEAD and the token request, in the repeated no-op preview that sent the most of them",
  noopPreviewListingRequests:
    "collection GETs of the no-op preview that sent the most requests (policies, quotas, servers/detail, volumes/detail, checkpoint_items), every page counted",
  upRequests: `${ALL} of a ${UP} of the main stack from empty; of the repeated ups, the one that sent the most`,
  refreshRequestsPerResource: `${ALL} of a \`pulumi refresh --yes --skip-preview\`, divided by the policies plus associations; of the repeated refreshes, the one that sent the most`,
  upWallRatioVsBaseline:
    "fastest wall time of `pulumi up` of the whole stack from empty, divided by the fastest of the baseline stack (same resources, inputs and dependencies; its provider makes no calls), run alternately",
  previewWallRatioVsBaseline: "fastest no-op preview, divided by the fastest baseline no-op preview (run alternately)",
  noopPreviewApiFloorMs:
    "fastest of the calls a no-op preview cannot avoid (the token, then the policy listing, every page), made directly from the bench process",
  previewApiFloorRatio: "(fastest baseline no-op preview + noopPreviewApiFloorMs) / fastest baseline no-op preview: the preview ratio if the provider added nothing but those calls",
  refreshWallRatioVsBaseline: "fastest `pulumi refresh`, divided by the fastest baseline refresh",
  providerCpuRatioVsBaseline:
    "CPU (user + system) of the dynamic-provider process summed over every paired up, no-op preview, change and refresh, divided by the same sum of the baseline's provider process; the provider's code cache starts empty at the start of the bench run, in a directory of its own",
  providerCpuMsPerHook:
    "CPU (user + system) of the dynamic-provider process minus that of the baseline's provider process in the paired run, summed over every up, preview, change and refresh, divided by the pulumi-csbs hook calls (check, diff, create, read, update, delete) of those runs",
  providerProcessCpuMsPerHook:
    "the whole dynamic-provider process's CPU (Node start, @pulumi/pulumi, gRPC and our hooks) divided by the hook calls: an upper bound",
  changeRequests: `${ALL} of a change ${UP} (the first half of every association's servers replaced by spare servers); of the repeated changes, the one that sent the most`,
  changeWrites: "requests of that up other than GET/HEAD and the token request",
  changeWallRatioVsBaseline: "fastest change `pulumi up`, divided by the fastest baseline change",
  upWallRatioVsBaselineAt8: "the one `pulumi up` from empty of the 8-per-policy stack, divided by its baseline's",
  stateBytesRatioVsBaseline:
    "bytes of the main stack's state file (the file backend's checkpoint, which the engine rewrites at every step's start and end) after an up from empty, divided by the baseline stack's at the same point",
  stateBytesRatioVsBaselineAt8: "the same for the 8-per-policy stacks, after their up from empty",
  changeWallRatioVsBaselineAt8: "fastest change `pulumi up` of the 8-per-policy stack (every association changed at once), divided by the fastest baseline change of the same shape (run alternately)",
  changeRequestsAt8: `${ALL} of a change ${UP} of the 8-per-policy stack; of the repeated changes, the one that sent the most`,
};

const seconds = (ms: number) => (ms / 1000).toFixed(2);

function operationRow(op: OperationRecord): string {
  const services = Object.entries(op.requests.byService)
    .map(([s, n]) => `${s} ${n}`)
    .join(", ");
  const calls = hookCalls(op);
  return `| ${op.label} | ${seconds(op.wallMs)} | ${op.requests.total} | ${op.requests.auths} | ${op.requests.writes} | ${services || "–"} | ${Math.round(op.provider.cpuMs)} | ${calls} |`;
}

function shapes(op: OperationRecord): string {
  const rows = Object.entries(op.requests.byShape).sort((a, b) => b[1] - a[1]);
  if (rows.length === 0) return `* ${op.label}: no requests`;
  return `* ${op.label}: ${rows.map(([k, n]) => `\`${k}\` × ${n}`).join("; ")}`;
}

function hooks(op: OperationRecord): string {
  const rows = Object.entries(op.provider.hooks).sort();
  if (rows.length === 0) return `* ${op.label}: no hook calls recorded`;
  return `* ${op.label}: ${rows.map(([k, h]) => `${k} × ${h.calls} (mean wall ${(h.wallMs / h.calls).toFixed(1)} ms)`).join("; ")}`;
}

export function resultsMarkdown(o: BenchOutcome, analysis: string): string {
  const f = o.figures;
  const r = o.records;
  const m = o.machine;
  // Judged unrounded; where rounding hides the difference, the row shows the unrounded value too.
  const exact = exactFigures(r, f.servers);
  const goalOf = new Map(goals(exact).map((g) => [g.key, g]));
  const shown = (k: keyof BenchFigures) => {
    const [value, unrounded] = [f[k], exact[k]];
    return goalOf.has(k) && value !== unrounded ? `${value} (unrounded ${Number(Number(unrounded).toFixed(4))})` : `${value}`;
  };
  const figureRows = (Object.keys(f) as Array<keyof BenchFigures>)
    .filter((k) => HOW_MEASURED[k])
    .map((k) => {
      const g = goalOf.get(k);
      return `| \`${k}\` | ${shown(k)} | ${g ? g.goal : "–"} | ${g ? (g.met ? "met" : "**missed**") : "–"} | ${HOW_MEASURED[k]} |`;
    });
  const ops = allOperations(r);
  return [
    "# pulumi-csbs performance (npm run bench)",
    "",
    "Generated by `npm run bench` (bench/run-bench.ts); the analysis at the end is written by hand from this run's figures.",
    "",
    "## Run",
    "",
    `* Date: ${m.date}`,
    `* Commit: ${m.commit}`,
    `* Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB memory, ${m.os}; 1-minute load average at start ${m.loadAverage}`,
    `* Node ${m.node}, Pulumi ${m.pulumi} (engine from scripts/setup-engine.sh, file:// backend, local cloud in the bench process)`,
    `* Scale: ${f.policies} policies × ${o.scale.serversPerPolicy} servers = ${f.servers} servers, ${f.associations} associations (${o.scale.associationsPerPolicy} per policy); ${f.policies + f.associations} resources; every timed operation run ${o.scale.repeat}× alternately with the baseline, the fastest counting. The 8-per-policy scenario: ${f.associationsAt8} associations in project bench-8 (up once, change ${o.scale.repeat}×); the waiting scenario: ${o.scale.repeat} ups of the main stack from empty (the fastest counting) and one policies-only up with creatingSeconds 5`,
    `* Profiles of the main stacks (BENCH_PROFILES): ${o.scale.profiles}` +
      (o.scale.profiles > 1
        ? ` (projects main-0…main-${o.scale.profiles - 1}, one full ${o.scale.policies} × ${o.scale.serversPerPolicy} each, alternating RegionOne and RegionTwo; the counting and 8-per-policy stacks stay one project each)`
        : " (the stack-wide settings, project bench)"),
    `* Setup (pack, install for the programs, stack init, fixtures): ${o.setupSeconds.toFixed(0)} s; whole bench: ${o.totalSeconds.toFixed(0)} s`,
    `* The provider processes' code cache (provider/packaged/code-cache.ts): a directory made empty for this run, with ${o.codeCache?.filesAtEnd ?? "an unrecorded number of"} cache file(s) at the end: the first csbs operation compiled the hooks bundle from source`,
    "",
    "## Figures",
    "",
    "| figure | value | goal | | how it was measured |",
    "|---|---|---|---|---|",
    ...figureRows,
    "",
    "Wall times (ms): " +
      `up ${f.upWallMs} vs baseline ${f.baselineUpWallMs}; no-op preview ${f.previewWallMs} vs ${f.baselinePreviewWallMs}; ` +
      `change ${f.changeWallMs} vs ${f.baselineChangeWallMs}; refresh ${f.refreshWallMs} vs ${f.baselineRefreshWallMs}. ` +
      `Median of the per-repeat ratios (each run over the baseline run next to it): up ${f.medianWallRatios.up}, ` +
      `no-op preview ${f.medianWallRatios.preview}, change ${f.medianWallRatios.change}, refresh ${f.medianWallRatios.refresh}. ` +
      `Up with creatingSeconds ${r.waits.seconds}: ${f.upWithWaitsWallMs} ms against ${f.upWallMs} ms without.`,
    "",
    ...fleetMarkdown(r.fleet, f, o.scale),
    "## Operations",
    "",
    "| operation | wall s | requests | auths | writes | by service | provider CPU ms | hook calls |",
    "|---|---|---|---|---|---|---|---|",
    ...ops.map(operationRow),
    "",
    "### Requests by kind",
    "",
    ...ops.filter((op) => op.requests.total > 0).map(shapes),
    "",
    "### Hook calls",
    "",
    ...ops.filter((op) => !op.label.startsWith("baseline")).map(hooks),
    "",
    "## Analysis",
    "",
    analysis.trim(),
    "",
  ].join("\n");
}
