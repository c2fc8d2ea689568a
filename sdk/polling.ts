/** Waiting for the service with spaced polls and a deadline; progress goes to the caller after each poll. */
import { setTimeout as sleep } from "node:timers/promises";
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
 * `operation-timeout` after `timeoutMs`, naming `what`.
 */
export async function pollUntil<T>(what: string, poll: () => Promise<T | undefined>, options: WaitOptions = {}): Promise<T> {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const interval = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const deadline = Date.now() + timeout;
  for (;;) {
    const done = await poll();
    if (done !== undefined) return done;
    if (Date.now() + interval > deadline) {
      throw new OperationError("operation-timeout", `${what} did not finish within ${Math.round(timeout / 1000)} s (timeoutMs); it goes on in the service: check it later with pulumi-csbs jobs, or wait longer with a larger timeout`);
    }
    await sleep(interval);
  }
}
