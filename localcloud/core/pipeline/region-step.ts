/**
 * Picks the region that serves a request, before anything else looks at it. A region's endpoints live under
 * `/regions/<name>/...` (the first region's also at the root, where its catalog points, so a one-region client
 * sees the paths it always saw);
 * the step strips that prefix, and every later step routes and faults within that region alone. Admin calls
 * (`/_localcloud/...`) name their region with `?region=<name>` instead (or the prefix), defaulting to the first.
 */
import { serviceError } from "../errors";
import { serviceForPath } from "../router";
import type { Outcome, Partition, Step } from "./exchange";

/** The first path segment of every region's prefix but the first region's. */
export const REGION_PATH_SEGMENT = "regions";

export function regionStep(partitions: readonly Partition[]): Step {
  const byName = new Map(partitions.map((p) => [p.name, p]));
  const names = partitions.map((p) => p.name).join(", ");
  return (ex): Outcome | undefined => {
    const segments = ex.rawPath.split("/");
    if (segments[1] === REGION_PATH_SEGMENT && segments.length > 2) {
      const name = safeDecode(segments[2]!);
      const partition = name === undefined ? undefined : byName.get(name);
      const rest = `/${segments.slice(3).join("/")}`;
      ex.service = serviceForPath(rest);
      if (!partition) {
        return { reply: serviceError(ex.service, 404, `no region ${JSON.stringify(name ?? segments[2])} at this path; the cloud's regions are ${names} (the first also at the root)`) };
      }
      ex.partition = partition;
      ex.path = rest;
    }
    if (ex.service !== "admin") return undefined;
    const asked = new URLSearchParams(ex.queryText).get("region");
    if (asked === null || asked === ex.partition.name) return undefined;
    const partition = byName.get(asked);
    if (!partition || ex.path !== ex.rawPath) {
      const why = partition ? `the path already names region "${ex.partition.name}"` : `no region ${JSON.stringify(asked)}`;
      return { reply: serviceError("admin", partition ? 400 : 404, `\`region\` is ${JSON.stringify(asked)}: ${why}; the cloud's regions are ${names}`) };
    }
    ex.partition = partition;
    return undefined;
  };
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
