/**
 * The inputs of a resource as far as the program knows them when it constructs the resource: every Output or
 * Promise (anywhere in the value) becomes the engine's unknown sentinel, which the domain's validation skips,
 * exactly as `check` skips values a preview does not know yet.
 */
import * as pulumi from "@pulumi/pulumi";
import { UNKNOWN } from "../provider/domain/unknown";

export function knownInputs(value: unknown): unknown {
  if (pulumi.Output.isInstance(value) || isPromiseLike(value)) return UNKNOWN;
  if (Array.isArray(value)) return value.map(knownInputs);
  if (value !== null && typeof value === "object" && !pulumi.Resource.isInstance(value)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, knownInputs(v)]));
  }
  return value;
}

function isPromiseLike(value: unknown): boolean {
  return value !== null && (typeof value === "object" || typeof value === "function") && typeof (value as { then?: unknown }).then === "function";
}
