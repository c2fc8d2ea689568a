/**
 * What a failed request says about whether the service applied it. The answer decides whether a create may be
 * sent again: when the outcome is unknown, the object is looked up (by its unique name) before any repeat.
 */
import { ApiError } from "./api-error";
import { TransportError } from "./transport-error";

/** Gateway answers after which the service may have applied the request anyway. */
const UNKNOWN_OUTCOME_STATUSES: ReadonlySet<number> = new Set([500, 502, 504]);

/** Answers that say "not now" before anything was applied. */
const NOT_APPLIED_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** The request may have been applied: look before repeating it. */
export function outcomeUnknown(err: unknown): boolean {
  if (err instanceof TransportError) return err.outcomeUnknown;
  return err instanceof ApiError && UNKNOWN_OUTCOME_STATUSES.has(err.status);
}

/** The request was certainly not applied and may simply be sent again later. */
export function notApplied(err: unknown): boolean {
  if (err instanceof TransportError) return !err.outcomeUnknown;
  return err instanceof ApiError && NOT_APPLIED_STATUSES.has(err.status);
}
