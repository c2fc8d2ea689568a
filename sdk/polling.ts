/**
 * Waiting for the service with evenly spaced polls and a deadline; progress goes to the caller after each poll.
 * The waiting itself is the provider's `waitFor` (provider/clients/retry.ts) with a fixed pause, so time comes
 * from one injectable clock.
 */
import { systemClock, waitFor, type Clock } from "../provider/clients/retry";
import { OperationError } from "./operation-error";

/** How long to wait and how often to look. */
export interface WaitOptions {
  /** Give up after this long. @default 1800000 (30 minutes: the service's own bound for a backup or delete task) */
  timeoutMs?: number;
  /** Time between two polls. @default 5000 */
  pollIntervalMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 30 * 60_000;
export const DEFAULT_POLL_INTERVAL_MS = 5_000;

/**
 * Calls `poll` until it returns a value (done), spacing calls by `pollIntervalMs`, and fails with rule
 * `operation-timeout` when the next poll would pass `timeoutMs`, naming `what`.
 * @param clock time and sleeping (tests pass one that only pretends to sleep)
 */
export async function pollUntil<T>(what: string, poll: () => Promise<T | undefined>, options: WaitOptions = {}, clock: Clock = systemClock): Promise<T> {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const interval = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const timedOut = (): Error =>
    new OperationError("operation-timeout", `${what} did not finish within ${Math.round(timeout / 1000)} s (timeoutMs); it goes on in the service: check it later with pulumi-csbs jobs, or wait longer with a larger timeout`);
  return waitFor(poll, { initialDelayMs: interval, maxDelayMs: interval, timeoutMs: timeout }, timedOut, clock);
}
