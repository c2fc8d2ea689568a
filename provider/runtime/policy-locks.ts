/**
 * Serializes read-modify-write of one policy's server list inside the provider process. The engine runs up to
 * 8 resource operations at once; without this, two associations of one policy would each PUT a list that lacks
 * the other's servers.
 */
export class PolicyLocks {
  private readonly chains = new Map<string, Promise<unknown>>();

  /** Runs `work` after every earlier `run` of the same policy id has settled. */
  async run<T>(policyId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(policyId) ?? Promise.resolve();
    const ran = previous.then(work, work);
    const tail = ran.then(
      () => undefined,
      () => undefined,
    );
    this.chains.set(policyId, tail);
    try {
      return await ran;
    } finally {
      // Drop the entry once nothing is queued behind us, so the map does not grow with every policy ever seen.
      if (this.chains.get(policyId) === tail) this.chains.delete(policyId);
    }
  }

  /** Policy ids with work queued (tests). */
  busy(): string[] {
    return [...this.chains.keys()];
  }
}
