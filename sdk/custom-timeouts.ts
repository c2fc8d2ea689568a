/**
 * `customTimeouts` as milliseconds. The engine sends a resource's timeouts to a provider's gRPC Create/Delete,
 * but the dynamic-provider host drops them before calling our hooks, so the SDK passes them on as a hidden
 * input. Pulumi writes them as Go durations ("30m", "1h30m", "90s", "1.5h").
 */
import type * as pulumi from "@pulumi/pulumi";

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** A Go duration in ms, or undefined when it is not one (the provider then keeps its default). */
export function durationMs(text: string | undefined): number | undefined {
  if (typeof text !== "string") return undefined;
  const trimmed = text.trim();
  if (trimmed === "" || !/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const m of trimmed.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * UNITS[m[2]];
  return total > 0 ? Math.round(total) : undefined;
}

/** The create and delete timeouts of `opts` in ms (absent ones left out). */
export function timeoutsOf(opts: pulumi.CustomResourceOptions | undefined): { create?: number; delete?: number } {
  const out: { create?: number; delete?: number } = {};
  const create = durationMs(opts?.customTimeouts?.create);
  const del = durationMs(opts?.customTimeouts?.delete);
  if (create !== undefined) out.create = create;
  if (del !== undefined) out.delete = del;
  return out;
}
