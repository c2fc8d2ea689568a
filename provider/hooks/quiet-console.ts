/**
 * The engine's dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) prints every error a check, diff,
 * read or delete hook throws to stderr as `${err}: ${err.stack}` before handing the same error to the engine,
 * which prints it again as the resource's error: a user saw each failure twice, once with a stack trace into
 * this package. Our errors are already written for the user and reach the engine anyway, so their stderr copy
 * is dropped here; anything else the process prints still reaches stderr.
 */
import { providerRuntime } from "../runtime/provider-runtime";
import { USER_FACING_ERROR_NAME } from "./user-facing-error";

/** Installs the filter once per process. */
export function quietUserFacingErrors(): void {
  const runtime = providerRuntime();
  if (runtime.consoleQuieted) return;
  runtime.consoleQuieted = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]): void => {
    if (args.length === 1 && typeof args[0] === "string" && args[0].startsWith(`${USER_FACING_ERROR_NAME}: `)) return;
    original(...args);
  };
}
