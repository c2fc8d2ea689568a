/** Options of {@link spreadServers}. */
export interface SpreadServersOptions {
  /**
   * The largest chunk: CSBS allows at most 64 servers in one policy.
   * @default 64
   */
  maxPerPolicy?: number;
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
export function spreadServers<T>(serverIds: readonly T[], options: SpreadServersOptions = {}): T[][] {
  const max = options.maxPerPolicy ?? 64;
  if (!Number.isInteger(max) || max < 1) {
    throw new Error(`spreadServers: \`maxPerPolicy\` is ${max}: it must be a whole number of at least 1; use 64 for CSBS`);
  }
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
