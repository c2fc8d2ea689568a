/**
 * Internal to the SDK: how many resource operations the engine runs at once. The Node language host passes the
 * engine's `--parallel` (its default too: 4 × the engine's CPUs) to the program as PULUMI_NODEJS_PARALLEL; the
 * program hands it to the provider (provider/hooks/batch-hints.ts), whose process is not told.
 */

/** The engine's parallelism, or undefined when the program was not started by the engine with one. */
export function engineParallelism(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.PULUMI_NODEJS_PARALLEL;
  if (raw === undefined || raw.trim() === "") return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}
