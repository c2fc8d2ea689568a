/**
 * How many profiles (projects of a full 32 × 64 each) the bench spans: BENCH_PROFILES for the main stacks, and
 * BENCH_FLEET_PROFILES for the fleet-growth section, which measures the up and the no-op preview at each count
 * so the cost per resource can be compared as the fleet grows past one project.
 */

/** Profiles the bench will create projects for; 8 projects of 2,048 servers is already a 16,384-server fleet. */
export const MAX_PROFILES = 8;

/** The standard fleet-growth counts: one project, two (one per region), four (two per region). */
export const STANDARD_FLEET_PROFILES: readonly number[] = [1, 2, 4];

/**
 * BENCH_FLEET_PROFILES: profile counts separated by commas, increasing (e.g. "1,2,4"), or "none" to leave the
 * section out.
 */
export function fleetProfilesFromEnv(env: NodeJS.ProcessEnv): number[] {
  const raw = env.BENCH_FLEET_PROFILES;
  if (raw === undefined || raw.trim() === "") return [...STANDARD_FLEET_PROFILES];
  if (raw.trim() === "none") return [];
  const counts = raw.split(",").map((part) => Number(part.trim()));
  const valid = counts.every((n, i) => Number.isInteger(n) && n >= 1 && n <= MAX_PROFILES && (i === 0 || n > counts[i - 1]));
  if (!valid) {
    throw new Error(
      `BENCH_FLEET_PROFILES is "${raw}": it must be increasing whole numbers from 1 to ${MAX_PROFILES} separated by commas (e.g. "1,2,4"), or "none"; unset it for the default ${STANDARD_FLEET_PROFILES.join(",")}`,
    );
  }
  return counts;
}

/** The local cloud's regions, over which the profiles' projects alternate (the first profile in the first region). */
export const BENCH_REGIONS: readonly string[] = ["RegionOne", "RegionTwo"];

export function regionOfProfile(index: number): string {
  return BENCH_REGIONS[index % BENCH_REGIONS.length];
}
