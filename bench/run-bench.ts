/**
 * One bench run: a local cloud in this process, three stacks through the real engine (pulumi-csbs, the
 * trivial-resource baseline, and a counting stack in a second project), the scenarios in an order that
 * pairs each pulumi-csbs operation with the same baseline operation right next to it, then the figures.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EngineStack, engineBin, programBase, REPO_ROOT } from "../tests/support/engine";
import { noopPreviewApiFloorMs } from "./api-floor";
import { addBenchProject, setCsbsSettings, stackConfig, startBenchCloud, type BenchProject } from "./bench-cloud";
import { computeFigures, type BenchFigures, type BenchRecords, type PairedRuns, type StateBytes } from "./figures";
import { addMainFleet, configureProfiles } from "./fleet";
import { prepareFleetGrowth, runFleetGrowth, type FleetGrowthContext } from "./fleet-growth";
import { BENCH_REGIONS } from "./fleet-scale";
import { machineInfo, type MachineInfo } from "./machine";
import { BASELINE_PROGRAM, benchSpec, CSBS_PROGRAM, policiesOnly, programFiles, replacedPerPolicy, resourceCount, type BenchSpec } from "./programs";
import { RequestLogClient } from "./request-tally";
import { scaleAt8, serversNeeded, type BenchScale } from "./scale";
import { timedOperation, type OperationKind, type OperationRecord } from "./timed-operation";
import type { LocalCloud } from "../localcloud";
import { defaultCacheDir } from "../provider/packaged/code-cache";

export interface BenchOutcome {
  scale: BenchScale;
  machine: MachineInfo;
  figures: BenchFigures;
  records: BenchRecords;
  /** Seconds spent preparing (packing the package, installing it for the programs, starting stacks). */
  setupSeconds: number;
  totalSeconds: number;
  /**
   * The provider processes' code cache directory of this run (made empty for it): the cache files in it after the last
   * operation. Optional: an outcome file written before this was recorded still renders (BENCH_RENDER_ONLY).
   */
  codeCache?: { filesAtEnd: number };
}

/** The cache files the provider processes wrote under this XDG_CACHE_HOME. */
function cacheFiles(xdgCacheHome: string): number {
  const dir = defaultCacheDir({ XDG_CACHE_HOME: xdgCacheHome });
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".v8")).length : 0;
}

async function stackFor(project: string, program: string, spec: BenchSpec, cloud?: LocalCloud, account?: BenchProject): Promise<EngineStack> {
  const stack = await EngineStack.create({ project, files: programFiles(program, spec) });
  if (cloud && account) {
    const { config, secrets } = stackConfig(cloud, account);
    // Not through StackOptions.config: the harness appends its flags after a "--" there.
    for (const [k, v] of Object.entries(config)) await stack.cli(["config", "set", "--plaintext", k, v], { check: true });
    for (const [k, v] of Object.entries(secrets)) await stack.cli(["config", "set", "--secret", k, v], { check: true });
  }
  return stack;
}

/** The state files' sizes of a pair of stacks, as they are now. */
function stateBytesOf(pair: { baseline: EngineStack; csbs: EngineStack }): StateBytes {
  return { csbs: Buffer.byteLength(pair.csbs.stateFileText()), baseline: Buffer.byteLength(pair.baseline.stateFileText()) };
}

function changedAssociations(before: BenchSpec, after: BenchSpec): number {
  let changed = 0;
  before.policies.forEach((p, i) =>
    p.associations.forEach((a, j) => {
      const b = after.policies[i].associations[j];
      if (a.serverIds.join() !== b.serverIds.join()) changed++;
    }),
  );
  return changed;
}

export async function runBench(scale: BenchScale, say: (line: string) => void): Promise<BenchOutcome> {
  const started = performance.now();
  const bin = engineBin();
  const machine = machineInfo(bin, REPO_ROOT);
  say(`scale: ${scale.policies} policies × ${scale.serversPerPolicy} servers, ${scale.associationsPerPolicy} association(s) per policy`);
  say("packing pulumi-csbs and installing it for the bench programs");
  const base = await programBase();

  const cloud = await startBenchCloud();
  const stacks: EngineStack[] = [];
  const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-bench-probe-"));
  // The provider processes' code cache (provider/packaged/code-cache.ts) starts empty, in a directory of this run,
  // as on a machine that never ran pulumi-csbs: the first csbs operation compiles the hooks bundle from source and
  // saves the cache, the later ones compile from it, as they would on a user's machine.
  const codeCacheHome = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-bench-code-cache-"));
  const callersCacheHome = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = codeCacheHome;
  try {
    const need = serversNeeded(scale, replacedPerPolicy(scale));
    // BENCH_PROFILES: one project of `need` per profile; at 1 the one project "bench", no profiles.
    const mainFleet = await addMainFleet(cloud, scale, need.declared, need.spare);
    const main = mainFleet.first;
    const counting = await addBenchProject(cloud, "bench-count", need.declared);
    const { initial, changed } = mainFleet;
    const countSpec = benchSpec(scale, counting.serverIds);
    // The many-associations scenario in its own project, so its stacks never meet the main ones' servers.
    const scale8 = scaleAt8(scale);
    const need8 = serversNeeded(scale8, replacedPerPolicy(scale8));
    const many = await addBenchProject(cloud, "bench-8", need8.declared + need8.spare);
    const initial8 = benchSpec(scale8, many.serverIds.slice(0, need8.declared));
    const changed8 = benchSpec(scale8, many.serverIds.slice(0, need8.declared), many.serverIds.slice(need8.declared));
    const countSpec8 = benchSpec(scale8, counting.serverIds);

    const csbs = await stackFor("bench-csbs", CSBS_PROGRAM, initial, cloud, main);
    stacks.push(csbs);
    await configureProfiles(csbs, mainFleet.profiles);
    const baseline = await stackFor("bench-baseline", BASELINE_PROGRAM, initial);
    stacks.push(baseline);
    const counter = await stackFor("bench-count", CSBS_PROGRAM, policiesOnly(countSpec), cloud, counting);
    stacks.push(counter);
    const csbs8 = await stackFor("bench-csbs-8", CSBS_PROGRAM, initial8, cloud, many);
    stacks.push(csbs8);
    const baseline8 = await stackFor("bench-baseline-8", BASELINE_PROGRAM, initial8);
    stacks.push(baseline8);

    const log = new RequestLogClient(cloud.url);
    const op = async (stack: EngineStack, kind: OperationKind, label: string, extra: string[] = []): Promise<OperationRecord> => {
      const rec = await timedOperation(stack, kind, label, log, probeDir, extra);
      say(`${label}: ${(rec.wallMs / 1000).toFixed(1)} s, ${rec.requests.total} requests (${rec.requests.writes} writes, ${rec.requests.auths} auths), provider CPU ${Math.round(rec.provider.cpuMs)} ms`);
      return rec;
    };
    const fleetContext: FleetGrowthContext = { cloud, scale, op, stacks, say };
    const fleetStacks = await prepareFleetGrowth(fleetContext);
    const setupSeconds = (performance.now() - started) / 1000;

    const paired = async (kind: OperationKind, name: string, i: number, extra: string[] = [], pair = { baseline, csbs }): Promise<PairedRuns> => {
      const n = scale.repeat > 1 ? ` ${i + 1}` : "";
      return {
        baseline: [await op(pair.baseline, kind, `baseline ${name}${n}`, extra)],
        csbs: [await op(pair.csbs, kind, `csbs ${name}${n}`, extra)],
      };
    };
    const merge = (runs: PairedRuns[]): PairedRuns => ({
      baseline: runs.flatMap((r) => r.baseline),
      csbs: runs.flatMap((r) => r.csbs),
    });

    const ups: PairedRuns[] = [];
    for (let i = 0; i < scale.repeat; i++) {
      if (i > 0) {
        // Back to empty for the next up from empty; not measured.
        for (const s of [baseline, csbs]) await s.cli(["destroy", "--yes", "--skip-preview"], { check: true });
      }
      ups.push(await paired("up", "up", i));
    }
    // Every repeat is the same up from empty, so the state after the last is the state after each.
    const stateBytes = stateBytesOf({ baseline, csbs });
    const previews: PairedRuns[] = [];
    for (let i = 0; i < scale.repeat; i++) previews.push(await paired("preview", "no-op preview", i, ["--expect-no-changes"]));
    // Each run replaces half of every policy's servers: to the spare servers, back, and again.
    // Measured here, between the previews and the changes, while the stack's policies exist as in the previews.
    const apiFloorMs = await noopPreviewApiFloorMs(cloud, mainFleet.projects, scale.repeat);
    say(`no-op preview API floor (token, policy listing): ${apiFloorMs.toFixed(0)} ms`);
    const changes: PairedRuns[] = [];
    for (let i = 0; i < scale.repeat; i++) {
      const target = i % 2 === 0 ? changed : initial;
      baseline.writeProgram(programFiles(BASELINE_PROGRAM, target));
      csbs.writeProgram(programFiles(CSBS_PROGRAM, target));
      changes.push(await paired("up", "change", i));
    }
    const refreshes: PairedRuns[] = [];
    for (let i = 0; i < scale.repeat; i++) refreshes.push(await paired("refresh", "refresh", i));
    const countPolicies = await op(counter, "up", "count: create policies");
    counter.writeProgram(programFiles(CSBS_PROGRAM, countSpec));
    const countAssociations = await op(counter, "up", "count: create associations");

    // 8 associations per policy: the up from empty once, then changes of every association at once.
    const pair8 = { baseline: baseline8, csbs: csbs8 };
    const up8 = await paired("up", "up at 8", 0, [], pair8);
    const stateBytes8 = stateBytesOf(pair8);
    const changes8: PairedRuns[] = [];
    for (let i = 0; i < scale.repeat; i++) {
      const target = i % 2 === 0 ? changed8 : initial8;
      baseline8.writeProgram(programFiles(BASELINE_PROGRAM, target));
      csbs8.writeProgram(programFiles(CSBS_PROGRAM, target));
      changes8.push(await paired("up", "change at 8", i, [], pair8));
    }
    for (const s of [baseline8, csbs8]) await s.cli(["destroy", "--yes", "--skip-preview"], { check: true });
    // The counting stack's policies get 8 associations each instead of one (removed first, untimed).
    counter.writeProgram(programFiles(CSBS_PROGRAM, policiesOnly(countSpec)));
    await counter.cli(["up", "--yes", "--skip-preview"], { check: true });
    counter.writeProgram(programFiles(CSBS_PROGRAM, countSpec8));
    const countAssociations8 = await op(counter, "up", "count: create associations at 8");

    // Policies that read `creating` for a while after create (and backups slow to delete), as a real CSBS.
    const waitSeconds = 5;
    for (const s of [csbs, counter]) await s.cli(["destroy", "--yes", "--skip-preview"], { check: true });
    csbs.writeProgram(programFiles(CSBS_PROGRAM, initial));
    counter.writeProgram(programFiles(CSBS_PROGRAM, policiesOnly(countSpec)));
    // The settings are per region, and the main stack's profiles may span both.
    for (const region of BENCH_REGIONS) await setCsbsSettings(cloud, { creatingSeconds: waitSeconds, deleteSeconds: waitSeconds }, region);
    // As many ups as without waits, the fastest counting, so the overhead compares like with like on a loaded machine.
    const upsWithWaits: OperationRecord[] = [];
    let countPoliciesWithWaits: OperationRecord;
    try {
      for (let i = 0; i < scale.repeat; i++) {
        if (i > 0) await csbs.cli(["destroy", "--yes", "--skip-preview"], { check: true });
        const n = scale.repeat > 1 ? ` ${i + 1}` : "";
        upsWithWaits.push(await op(csbs, "up", `csbs up with creatingSeconds ${waitSeconds}${n}`));
      }
      countPoliciesWithWaits = await op(counter, "up", `count: create policies with creatingSeconds ${waitSeconds}`);
    } finally {
      for (const region of BENCH_REGIONS) await setCsbsSettings(cloud, { creatingSeconds: 0, deleteSeconds: 1 }, region);
    }

    // Last, in projects of its own: the same stack at 1, 2, 4… profiles.
    const fleetGrowth = await runFleetGrowth(fleetContext, fleetStacks);

    const records: BenchRecords = {
      resources: resourceCount(initial),
      changedAssociations: changedAssociations(initial, changed),
      up: merge(ups),
      stateBytes,
      preview: merge(previews),
      change: merge(changes),
      refresh: merge(refreshes),
      countPolicies,
      countAssociations,
      noopPreviewApiFloorMs: apiFloorMs,
      at8: {
        resources: resourceCount(initial8),
        changedAssociations: changedAssociations(initial8, changed8),
        up: up8,
        stateBytes: stateBytes8,
        change: merge(changes8),
        countAssociations: countAssociations8,
      },
      waits: { seconds: waitSeconds, ups: upsWithWaits, countPolicies: countPoliciesWithWaits },
      fleet: fleetGrowth,
    };
    const figures = computeFigures(records, need.declared * scale.profiles);
    const codeCache = { filesAtEnd: cacheFiles(codeCacheHome) };
    return { scale, machine, figures, records, setupSeconds, totalSeconds: (performance.now() - started) / 1000, codeCache };
  } finally {
    for (const s of stacks) s.dispose();
    fs.rmSync(probeDir, { recursive: true, force: true });
    fs.rmSync(codeCacheHome, { recursive: true, force: true });
    if (callersCacheHome === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = callersCacheHome;
    // The packed package installed for the programs (≈ 130 MB per run); this process made it and is done with it.
    fs.rmSync(base, { recursive: true, force: true });
    await cloud.close();
  }
}
