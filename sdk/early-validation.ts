/**
 * Input rules checked while the program runs, so that one preview reports every invalid resource of the program:
 * the engine stops at the first resource whose `check` fails, so rules left to `check` alone surfaced one
 * resource per preview. Each resource's problems are logged as errors of the program, and the resource tells its
 * `check` that they were reported: `check` then fails with one line pointing at them instead of printing them
 * twice, and fails even if it would not have noticed them (a misspelt key never reaches it). Only inputs known at construction are checked here; the rules that need the cloud
 * (quota, names in use, servers) and values known later are left to `check`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { CheckFailure } from "../provider/domain/failures";

/** The hidden input telling `check` that the program already reported this resource's input problems. */
export { REPORTED_KEY } from "../provider/hooks/reported-failures";

/**
 * Logs each failure (its message leads with its path) as an error of the program, led by the resource's label (`BackupPolicy "daily"`). Not as an
 * error of the resource object: the SDK would wait for its URN, which a resource whose check fails never gets,
 * and every later log would wait behind it.
 */
export function reportEarly(label: string, failures: readonly CheckFailure[]): void {
  for (const f of failures) {
    void pulumi.log.error(`${label}: ${f.message}`);
  }
}
