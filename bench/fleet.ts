/**
 * A bench fleet over several profiles: one project per profile (each a full `policies` × `serversPerPolicy`),
 * alternating over the local cloud's regions, the program's declarations for them, and the stack config that
 * defines the profiles (`csbs:profiles.<name>.*`, set with `--path` as the README tells users to).
 */
import type { EngineStack } from "../tests/support/engine";
import type { LocalCloud } from "../localcloud";
import { addBenchProject, type BenchProject } from "./bench-cloud";
import { regionOfProfile } from "./fleet-scale";
import { benchSpec, type BenchSpec } from "./programs";
import type { BenchScale } from "./scale";

/** One profile of the fleet and the project it logs in to. */
export interface FleetProfile {
  profile: string;
  project: BenchProject;
}

/** `count` profiles `<prefix>-0`…, each with its own project of `serversEach` servers, the regions alternating. */
export async function addFleetProfiles(cloud: LocalCloud, prefix: string, count: number, serversEach: number): Promise<FleetProfile[]> {
  const out: FleetProfile[] = [];
  for (let i = 0; i < count; i++) {
    const profile = `${prefix}-${i}`;
    out.push({ profile, project: await addBenchProject(cloud, profile, serversEach, regionOfProfile(i)) });
  }
  return out;
}

/** One profile's part of a fleet spec: its servers, and the spare ones the change scenario swaps in. */
export interface FleetPart {
  /** Absent: the stack-wide settings (no `profile` input), as the one-project bench always was. */
  profile?: string;
  fleet: readonly string[];
  spare?: readonly string[];
}

/**
 * The stack of every part one after the other: each part is {@link benchSpec} of its own servers, its resources
 * named after its profile (`<profile>-fleet-00`) and its policies given `profile` (their associations inherit it).
 * A single part without a profile is exactly {@link benchSpec}.
 */
export function fleetSpec(scale: BenchScale, parts: readonly FleetPart[]): BenchSpec {
  return {
    policies: parts.flatMap((part) => {
      const spec = benchSpec(scale, part.fleet, part.spare);
      if (part.profile === undefined) return spec.policies;
      const named = (resource: string) => `${part.profile}-${resource}`;
      return spec.policies.map((p) => ({
        resource: named(p.resource),
        args: { ...p.args, profile: part.profile },
        associations: p.associations.map((a) => ({ ...a, resource: named(a.resource) })),
      }));
    }),
  };
}

/** Defines every profile in the stack's config in one CLI call: region, project and user plain, the password a secret. */
export async function configureProfiles(stack: EngineStack, profiles: readonly FleetProfile[]): Promise<void> {
  if (profiles.length === 0) return;
  const args: string[] = [];
  for (const { profile, project } of profiles) {
    const key = (field: string) => `csbs:profiles.${profile}.${field}`;
    args.push("--plaintext", `${key("region")}=${project.region}`);
    args.push("--plaintext", `${key("projectName")}=${project.name}`);
    args.push("--plaintext", `${key("userName")}=${project.user}`);
    args.push("--secret", `${key("password")}=${project.password}`);
  }
  await stack.cli(["config", "set-all", "--path", ...args], { check: true });
}

/** The main stacks' fleet: at 1 profile the one project "bench" with the stack-wide settings, as always. */
export interface MainFleet {
  /** The stack-wide login (the first project). */
  first: BenchProject;
  /** Every project of the fleet, in profile order. */
  projects: BenchProject[];
  /** The profiles to define in the stack config (none at 1). */
  profiles: FleetProfile[];
  initial: BenchSpec;
  /** The change scenario: half of every association's servers replaced by its project's spare servers. */
  changed: BenchSpec;
}

/**
 * The projects of the main stacks, each with `declared` servers for the stack plus `spare` for the change
 * scenario: "bench" at 1 profile, else profiles `main-0`… (projects of the same names) over the regions.
 */
export async function addMainFleet(cloud: LocalCloud, scale: BenchScale, declared: number, spare: number): Promise<MainFleet> {
  const split = (p: BenchProject) => ({ fleet: p.serverIds.slice(0, declared), spare: p.serverIds.slice(declared) });
  if (scale.profiles === 1) {
    const main = await addBenchProject(cloud, "bench", declared + spare);
    const { fleet, spare: swap } = split(main);
    return { first: main, projects: [main], profiles: [], initial: fleetSpec(scale, [{ fleet }]), changed: fleetSpec(scale, [{ fleet, spare: swap }]) };
  }
  const profiles = await addFleetProfiles(cloud, "main", scale.profiles, declared + spare);
  const parts = profiles.map((p) => ({ profile: p.profile, ...split(p.project) }));
  return {
    first: profiles[0].project,
    projects: profiles.map((p) => p.project),
    profiles,
    initial: fleetSpec(scale, parts.map(({ profile, fleet }) => ({ profile, fleet }))),
    changed: fleetSpec(scale, parts),
  };
}
