/**
 * A live failure during `check` (credentials refused, cloud unreachable, any API error) as a check failure of
 * the resource instead of a thrown error: the engine then prints it once, as the resource's problem, where a
 * thrown error was also printed by the provider host with a stack trace.
 */
import type * as pulumi from "@pulumi/pulumi";
import { userError } from "./errors";

export function liveCheckFailure(err: unknown, resource: string, action: string): pulumi.dynamic.CheckResult {
  return { failures: [{ property: "", reason: userError(err, resource, action).message }] };
}
