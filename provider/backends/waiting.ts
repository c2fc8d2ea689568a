/**
 * Bounded waiting with backoff, for eventual states (a policy `creating`, a delete refused while a backup
 * runs). The deadline bounds the whole wait; delays grow so a slow cloud is not hammered.
 */

/** How long and how often to wait. */
export interface WaitPolicy {
  /** First delay. */
  initialDelayMs: number;
  /** Largest single delay. */
  maxDelayMs: number;
  /** Give up after this long in total. */
  timeoutMs: number;
}

/** Sleeps; replaceable in tests. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The delay before attempt `n` (0-based): doubling from the initial delay, capped. */
export function delayFor(n: number, policy: WaitPolicy): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(n, 20));
}

/**
 * Calls `probe` until it returns a value other than undefined, waiting with backoff in between; throws
 * `onTimeout()` once the deadline has passed.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  policy: WaitPolicy,
  onTimeout: () => Error,
  sleep: Sleep = realSleep,
  now: () => number = Date.now,
): Promise<T> {
  const deadline = now() + policy.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    const delay = delayFor(attempt, policy);
    if (now() + delay > deadline) throw onTimeout();
    await sleep(delay);
  }
}
