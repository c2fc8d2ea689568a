/** Options of {@link spreadServers}. */
export interface SpreadServersOptions {
  /**
   * The largest chunk: CSBS allows at most 64 servers in one policy.
   * @default 64
   */
  maxPerPolicy?: number;
}

/** Options of {@link spreadServers} over several profiles' projects. */
export interface SpreadOverProfilesOptions extends SpreadServersOptions {
  /**
   * The profiles (`csbs:profiles.<name>`) whose projects share the fleet, filled in this order: the first takes
   * as many servers as its project holds, then the next. Each server must be in the project of the profile its
   * chunk lands in (a server is protected only by a policy of its own project).
   */
  profiles: readonly string[];
  /**
   * Policies one project may hold for this fleet: CSBS allows 32 per project (lower it to leave room for others).
   * @default 32
   */
  maxPoliciesPerProject?: number;
}

/** Options of {@link spreadServers} for servers already grouped by profile. */
export interface SpreadByProfileOptions extends SpreadServersOptions {
  /** @default 32 */
  maxPoliciesPerProject?: number;
}

/** One policy's share of a fleet spread over profiles: declare one BackupPolicy with `profile` and one association per chunk. */
export interface ProfileChunk<T> {
  profile: string;
  serverIds: T[];
}

const POLICIES_PER_PROJECT = 32;

function wholeAtLeastOne(value: number, option: string, hint: string): void {
  if (!Number.isInteger(value) || value < 1) throw new Error(`spreadServers: \`${option}\` is ${value}: it must be a whole number of at least 1; ${hint}`);
}

/** Balanced chunks of at most `max`, in order. */
function chunksOf<T>(serverIds: readonly T[], max: number): T[][] {
  if (serverIds.length === 0) return [];
  const chunkCount = Math.ceil(serverIds.length / max);
  const base = Math.floor(serverIds.length / chunkCount);
  const larger = serverIds.length % chunkCount;
  const chunks: T[][] = [];
  let start = 0;
  for (let i = 0; i < chunkCount; i++) {
    const size = base + (i < larger ? 1 : 0);
    chunks.push(serverIds.slice(start, start + size));
    start += size;
  }
  return chunks;
}

function capacity(options: SpreadByProfileOptions): { perPolicy: number; policies: number; perProject: number } {
  const perPolicy = options.maxPerPolicy ?? 64;
  const policies = options.maxPoliciesPerProject ?? POLICIES_PER_PROJECT;
  wholeAtLeastOne(perPolicy, "maxPerPolicy", "use 64 for CSBS");
  wholeAtLeastOne(policies, "maxPoliciesPerProject", "use 32 for CSBS");
  return { perPolicy, policies, perProject: perPolicy * policies };
}

function overProfiles<T>(serverIds: readonly T[], options: SpreadOverProfilesOptions): ProfileChunk<T>[] {
  const { perPolicy, policies, perProject } = capacity(options);
  const profiles = [...options.profiles];
  if (profiles.length === 0) throw new Error("spreadServers: `profiles` is empty: name at least one profile (csbs:profiles.<name>) whose project takes the fleet");
  const twice = profiles.find((p, i) => profiles.indexOf(p) !== i);
  if (twice !== undefined) throw new Error(`spreadServers: \`profiles\` names "${twice}" twice: each profile's project is counted once; remove the repeat`);
  const room = perProject * profiles.length;
  if (serverIds.length > room) {
    throw new Error(
      `spreadServers: ${serverIds.length} servers do not fit the projects of ${profiles.length} profile${profiles.length === 1 ? "" : "s"} (${profiles.map((p) => `"${p}"`).join(", ")}): ` +
        `each holds at most ${policies} policies of ${perPolicy} servers (${perProject} servers), ${room} in all; ` +
        `add ${Math.ceil((serverIds.length - room) / perProject)} more profile(s) of other projects or regions, or protect fewer servers`,
    );
  }
  return profiles.flatMap((profile, i) =>
    chunksOf(serverIds.slice(i * perProject, (i + 1) * perProject), perPolicy).map((chunk) => ({ profile, serverIds: chunk })),
  );
}

function byProfile<T>(groups: Readonly<Record<string, readonly T[]>>, options: SpreadByProfileOptions): ProfileChunk<T>[] {
  const { perPolicy, policies, perProject } = capacity(options);
  const over = Object.entries(groups).filter(([, ids]) => ids.length > perProject);
  if (over.length > 0) {
    throw new Error(
      `spreadServers: ${over.map(([p, ids]) => `profile "${p}" has ${ids.length} servers`).join(", ")}, more than one project holds ` +
        `(${policies} policies of ${perPolicy} servers: ${perProject}); move servers to the project of another profile, or protect fewer`,
    );
  }
  return Object.entries(groups).flatMap(([profile, ids]) => chunksOf(ids, perPolicy).map((chunk) => ({ profile, serverIds: chunk })));
}

/**
 * Splits a server list into as few chunks as possible, each at most `maxPerPolicy` long and all about the same
 * size, so a large fleet can be spread over several policies (one association per chunk). Pure: the same input
 * always gives the same chunks, in the input's order.
 *
 * @example
 * spreadServers(ids).forEach((chunk, i) => {
 *   const policy = new BackupPolicy(`fleet-${i}`, { schedule, retention });
 *   new PolicyAssociation(`fleet-${i}`, { policyId: policy.id, serverIds: chunk });
 * });
 */
export function spreadServers<T>(serverIds: readonly T[], options?: SpreadServersOptions): T[][];
/**
 * Spreads a fleet larger than one project holds (32 policies × 64 servers) over the projects of `profiles`,
 * filling them in order; fails naming the shortfall when the fleet does not fit them all.
 *
 * @example
 * spreadServers(ids, { profiles: ["paris", "paris-2"] }).forEach(({ profile, serverIds }, i) => {
 *   const policy = new BackupPolicy(`fleet-${i}`, { profile, schedule, retention });
 *   new PolicyAssociation(`fleet-${i}`, { policyId: policy.id, serverIds });
 * });
 */
export function spreadServers<T>(serverIds: readonly T[], options: SpreadOverProfilesOptions): ProfileChunk<T>[];
/**
 * Chunks servers that already live in known projects, given by profile (`{ paris: [...], amsterdam: [...] }`);
 * fails naming every profile with more servers than one project holds.
 */
export function spreadServers<T>(serversByProfile: Readonly<Record<string, readonly T[]>>, options?: SpreadByProfileOptions): ProfileChunk<T>[];
export function spreadServers<T>(
  servers: readonly T[] | Readonly<Record<string, readonly T[]>>,
  options: SpreadServersOptions | SpreadOverProfilesOptions = {},
): T[][] | ProfileChunk<T>[] {
  if (!Array.isArray(servers)) return byProfile(servers as Readonly<Record<string, readonly T[]>>, options);
  const list = servers as readonly T[];
  if ("profiles" in options) return overProfiles(list, options);
  const max = options.maxPerPolicy ?? 64;
  wholeAtLeastOne(max, "maxPerPolicy", "use 64 for CSBS");
  return chunksOf(list, max);
}
