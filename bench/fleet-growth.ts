/**
 * The fleet-growth section: the same stack at 1, 2, 4… profiles (each profile its own project of a full
 * `policies` × `serversPerPolicy`, the regions alternating), each size's `pulumi up` from empty and no-op preview
 * run once, each right after the baseline stack's same operation on the same resources, then both stacks
 * destroyed (untimed) for the next size. Its own projects, so no other scenario's quota or servers meet it.
 */
import { EngineStack } from "../tests/support/engine";
import type { LocalCloud } from "../localcloud";
import { stackConfig } from "./bench-cloud";
import type { PairedRuns } from "./figures";
import { addFleetProfiles, configureProfiles, fleetSpec, type FleetProfile } from "./fleet";
import { landedPolicies, type LandedPolicies } from "./fleet-landing";
import { BASELINE_PROGRAM, CSBS_PROGRAM, programFiles, resourceCount } from "./programs";
import type { BenchScale } from "./scale";
import type { OperationKind, OperationRecord } from "./timed-operation";

/** One size of the section. */
export interface FleetSizeRecord {
  profiles: number;
  resources: { policies: number; associations: number };
  /** Each profile's project and region, in profile order. */
  places: Array<{ profile: string; project: string; projectId: string; region: string }>;
  up: PairedRuns;
  preview: PairedRuns;
  /** What each profile's project held after the up, read through its own region's API. */
  landed: LandedPolicies[];
}

export interface FleetGrowthRecords {
  sizes: FleetSizeRecord[];
}

/** What the section needs from the bench run around it. */
export interface FleetGrowthContext {
  cloud: LocalCloud;
  scale: BenchScale;
  /** Runs and records one engine operation (the bench's timed operation, which also logs the line). */
  op: (stack: EngineStack, kind: OperationKind, label: string, extra?: string[]) => Promise<OperationRecord>;
  /** Stacks the bench disposes of at the end. */
  stacks: EngineStack[];
  say: (line: string) => void;
}

/** The projects and the two stacks of the section. */
export interface FleetGrowthStacks {
  profiles: FleetProfile[];
  csbs: EngineStack;
  baseline: EngineStack;
}

/** The projects and the two stacks, before anything is timed; none when the section is not run (BENCH_FLEET_PROFILES=none). */
export async function prepareFleetGrowth(ctx: FleetGrowthContext): Promise<FleetGrowthStacks | undefined> {
  const { cloud, scale } = ctx;
  if (scale.fleetProfiles.length === 0) return undefined;
  const largest = Math.max(...scale.fleetProfiles);
  const profiles = await addFleetProfiles(cloud, "grow", largest, scale.policies * scale.serversPerPolicy);
  const empty = { policies: [] };
  const csbs = await EngineStack.create({ project: "bench-grow-csbs", files: programFiles(CSBS_PROGRAM, empty) });
  ctx.stacks.push(csbs);
  // The stack-wide login is the first profile's; every resource names its profile, whose settings come first.
  const { config, secrets } = stackConfig(cloud, profiles[0].project);
  const args: string[] = [];
  for (const [k, v] of Object.entries(config)) args.push("--plaintext", `${k}=${v}`);
  for (const [k, v] of Object.entries(secrets)) args.push("--secret", `${k}=${v}`);
  await csbs.cli(["config", "set-all", ...args], { check: true });
  await configureProfiles(csbs, profiles);
  const baseline = await EngineStack.create({ project: "bench-grow-baseline", files: programFiles(BASELINE_PROGRAM, empty) });
  ctx.stacks.push(baseline);
  return { profiles, csbs, baseline };
}

export async function runFleetGrowth(ctx: FleetGrowthContext, prepared: FleetGrowthStacks | undefined): Promise<FleetGrowthRecords> {
  if (prepared === undefined) return { sizes: [] };
  const { scale } = ctx;
  const { csbs, baseline } = prepared;
  const sizes: FleetSizeRecord[] = [];
  for (const n of scale.fleetProfiles) {
    const profiles = prepared.profiles.slice(0, n);
    const spec = fleetSpec(
      scale,
      profiles.map((p) => ({ profile: p.profile, fleet: p.project.serverIds })),
    );
    csbs.writeProgram(programFiles(CSBS_PROGRAM, spec));
    baseline.writeProgram(programFiles(BASELINE_PROGRAM, spec));
    const at = `at ${n} profile${n === 1 ? "" : "s"}`;
    ctx.say(`fleet growth ${at}: ${spec.policies.length} policies over ${n} project(s)`);
    const up: PairedRuns = {
      baseline: [await ctx.op(baseline, "up", `baseline up ${at}`)],
      csbs: [await ctx.op(csbs, "up", `csbs up ${at}`)],
    };
    const landed = await landedPolicies(ctx.cloud, profiles);
    const preview: PairedRuns = {
      baseline: [await ctx.op(baseline, "preview", `baseline no-op preview ${at}`, ["--expect-no-changes"])],
      csbs: [await ctx.op(csbs, "preview", `csbs no-op preview ${at}`, ["--expect-no-changes"])],
    };
    for (const s of [baseline, csbs]) await s.cli(["destroy", "--yes", "--skip-preview"], { check: true });
    sizes.push({
      profiles: n,
      resources: resourceCount(spec),
      places: profiles.map((p) => ({ profile: p.profile, project: p.project.name, projectId: p.project.id, region: p.project.region })),
      up,
      preview,
      landed,
    });
  }
  return { sizes };
}
