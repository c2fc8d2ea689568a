/**
 * What the SDK tells the provider, in hidden inputs of every PolicyAssociation, so that writes of one policy's
 * server list can be gathered without guessing (runtime/write-batches.ts): how many resource operations the engine
 * runs at once, and how many associations the program declares for the association's policy. Both are read in
 * `check` and never kept: they are not the resource's inputs (a different `--parallel` or one more sibling must not
 * show as a diff), so `check` leaves them out of the inputs it returns.
 */
import { isRecord } from "../domain/coerce";

/** The engine's `--parallel` as the program saw it (sdk/engine-parallelism.ts). */
export const ENGINE_PARALLELISM_KEY = "__engineParallelism";

/** The number of associations of the program with the same policy, this one included (sdk/stack-pass.ts). */
export const ASSOCIATIONS_OF_POLICY_KEY = "__associationsOfPolicy";

export interface BatchHints {
  engineParallelism?: number;
  associationsOfPolicy?: number;
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 ? value : undefined;
}

/** The hints among `news`; a value that is not a whole number of at least 1 is no hint (an old SDK sends none). */
export function batchHints(news: unknown): BatchHints {
  if (!isRecord(news)) return {};
  const engineParallelism = count(news[ENGINE_PARALLELISM_KEY]);
  const associationsOfPolicy = count(news[ASSOCIATIONS_OF_POLICY_KEY]);
  return { ...(engineParallelism !== undefined ? { engineParallelism } : {}), ...(associationsOfPolicy !== undefined ? { associationsOfPolicy } : {}) };
}
