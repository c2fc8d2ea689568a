/** Shared test helpers for the domain specs. */
import * as assert from "node:assert/strict";
import type { CheckFailure } from "../../../provider/domain";

/** January (Paris +01:00) and July (Paris +02:00) deploy instants. */
export const WINTER = new Date("2026-01-05T12:00:00Z");
export const SUMMER = new Date("2026-07-06T12:00:00Z");

/** Asserts exactly one failure on `property` and returns its reason. */
export function onlyFailureOn(failures: readonly CheckFailure[], property: string): string {
  const matching = failures.filter((f) => f.path === property);
  assert.equal(matching.length, 1, `expected one failure on ${property}, got ${JSON.stringify(failures, null, 1)}`);
  return (matching[0] as CheckFailure).message;
}

/** The properties of all failures, in order. */
export function properties(failures: readonly CheckFailure[]): string[] {
  return failures.map((f) => f.path);
}
