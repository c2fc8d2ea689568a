/**
 * A live failure during `check` (credentials refused, cloud unreachable, any API error) as a check failure of
 * the resource instead of a thrown error: the engine then prints it once, as the resource's problem, where a
 * thrown error was also printed by the provider host with a stack trace.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Settings } from "../config/settings";
import { userError } from "./errors";
import { profileSettingsNote } from "./profile-failures";

/** @param settings the connection's settings, when known: a profile's failure names the profile and its sources */
export function liveCheckFailure(err: unknown, resource: string, action: string, settings?: Settings): pulumi.dynamic.CheckResult {
  return { failures: [{ property: "", reason: `${userError(err, resource, action).message}${profileSettingsNote(settings)}` }] };
}
