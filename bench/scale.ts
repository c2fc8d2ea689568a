/**
 * The bench's scale and repetitions, from the environment so the smoke test can run the same code tiny.
 * Defaults are the service's full scale: 32 policies (the project quota) of 64 servers (the policy limit).
 */

import { fleetProfilesFromEnv, MAX_PROFILES, STANDARD_FLEET_PROFILES } from "./fleet-scale";

/** How big the benched stack is and how often each timed operation is repeated. */
export interface BenchScale {
  /** BackupPolicy resources. @default 32 (BENCH_POLICIES) */
  policies: number;
  /** Servers in each policy. @default 64 (BENCH_SERVERS_PER_POLICY) */
  serversPerPolicy: number;
  /** PolicyAssociation resources per policy, splitting its servers between them. @default 1 (BENCH_ASSOCIATIONS_PER_POLICY) */
  associationsPerPolicy: number;
  /**
   * Times each timed operation (up from empty, no-op preview, change, refresh) runs, alternating with the
   * baseline; the fastest of each counts, so a burst of other load on the machine does not decide a ratio.
   * @default 5 (BENCH_REPEAT)
   */
  repeat: number;
  /**
   * Profiles of the main stacks, each its own project (a full `policies` × `serversPerPolicy` each), spread over
   * the local cloud's two regions; at 1 the stacks use the stack-wide settings, as before profiles existed.
   * @default 1 (BENCH_PROFILES)
   */
  profiles: number;
  /** The fleet-growth section's profile counts, each measured once (fleet-scale.ts). @default [1, 2, 4] (BENCH_FLEET_PROFILES) */
  fleetProfiles: number[];
}

export const FULL_SCALE: BenchScale = { policies: 32, serversPerPolicy: 64, associationsPerPolicy: 1, repeat: 5, profiles: 1, fleetProfiles: [...STANDARD_FLEET_PROFILES] };

function positiveInt(env: NodeJS.ProcessEnv, key: string, fallback: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new Error(`${key} is "${raw}": it must be a whole number from 1 to ${max}; unset it for the default ${fallback}`);
  }
  return n;
}

/** Reads BENCH_* overrides; every value is checked against the service's limits. */
export function scaleFromEnv(env: NodeJS.ProcessEnv = process.env): BenchScale {
  const scale: BenchScale = {
    policies: positiveInt(env, "BENCH_POLICIES", FULL_SCALE.policies, 32),
    serversPerPolicy: positiveInt(env, "BENCH_SERVERS_PER_POLICY", FULL_SCALE.serversPerPolicy, 64),
    associationsPerPolicy: positiveInt(env, "BENCH_ASSOCIATIONS_PER_POLICY", FULL_SCALE.associationsPerPolicy, 64),
    repeat: positiveInt(env, "BENCH_REPEAT", FULL_SCALE.repeat, 20),
    profiles: positiveInt(env, "BENCH_PROFILES", FULL_SCALE.profiles, MAX_PROFILES),
    fleetProfiles: fleetProfilesFromEnv(env),
  };
  if (scale.associationsPerPolicy > scale.serversPerPolicy) {
    throw new Error(
      `BENCH_ASSOCIATIONS_PER_POLICY is ${scale.associationsPerPolicy}: it must not exceed BENCH_SERVERS_PER_POLICY (${scale.serversPerPolicy}); every association needs a server`,
    );
  }
  return scale;
}

/** Servers the stack declares, plus the spare servers that the change scenario swaps in (half of each association's). */
export function serversNeeded(scale: BenchScale, replacedPerPolicy: number): { declared: number; spare: number } {
  const declared = scale.policies * scale.serversPerPolicy;
  return { declared, spare: scale.policies * replacedPerPolicy };
}

/** The standard many-associations scenario: 8 associations per policy (fewer when a policy has fewer servers). */
export function scaleAt8(scale: BenchScale): BenchScale {
  return { ...scale, associationsPerPolicy: Math.min(8, scale.serversPerPolicy) };
}
