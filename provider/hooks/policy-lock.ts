/**
 * Serializes read-modify-write of one policy's server list inside the provider process. The engine runs up to
 * 8 resource operations at once; without this, two associations of one policy would each PUT a list that lacks
 * the other's servers. The chains live on globalThis because two copies of this module (two serialized provider
 * texts in one process) must still share them.
 */
const CHAINS_KEY = Symbol.for("pulumi-csbs.policy-locks");

type Chains = Map<string, Promise<unknown>>;

function chains(): Chains {
  const holder = globalThis as unknown as Record<symbol, Chains | undefined>;
  return (holder[CHAINS_KEY] ??= new Map());
}

/** Runs `work` after every earlier `withPolicyLock` of the same policy id has settled. */
export async function withPolicyLock<T>(policyId: string, work: () => Promise<T>): Promise<T> {
  const all = chains();
  const previous = all.get(policyId) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  all.set(policyId, tail);
  try {
    return await run;
  } finally {
    // Drop the entry once nothing is queued behind us, so the map does not grow with every policy ever seen.
    if (all.get(policyId) === tail) all.delete(policyId);
  }
}
