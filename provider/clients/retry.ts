/**
 * When and how long to wait before trying again: repeating a request (http.ts) and waiting for an eventual
 * state (a policy `creating`, a delete refused while a backup runs, in both backends). The random source and
 * the clock are parameters, so every schedule is unit-tested exactly.
 *
 * Why not `exponential-backoff`: it has no hook for `Retry-After`, no overall deadline and no injectable
 * random source; the loop in http.ts is ~30 lines and these helpers keep it honest.
 */

/** The retry knobs of one call. */
export interface RetryPolicy {
  /** Total tries, the first included. @default 8 */
  maxAttempts: number;
  /** The first backoff ceiling in ms. @default 200 */
  baseDelayMs: number;
  /** The largest backoff ceiling in ms. @default 5000 */
  maxDelayMs: number;
  /** All attempts and waits of one call end within this many ms. @default 300000 (5 minutes) */
  deadlineMs: number;
  /** One attempt (connect, headers and body) may take this long. @default 30000 */
  attemptTimeoutMs: number;
}

/** The defaults of `RetryPolicy`. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 8,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  deadlineMs: 300_000,
  attemptTimeoutMs: 30_000,
});

/**
 * Full jitter: a uniform wait in
 * [0, min(cap, base·2^(retry-1))). `retry` is 1 for the wait before the second attempt.
 */
export function backoffDelayMs(retry: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * `Retry-After` as ms from `now`: delta-seconds ("3") or an HTTP date. Undefined when absent or unreadable;
 * a date in the past gives 0.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined) return undefined;
  const trimmed = v.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** Statuses that say "try again" rather than "no". */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Statuses whose `Retry-After` we honour. */
export const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** Connection failures after which the request may or may not have reached the service. */
const CONNECTION_ERROR_CODES = new Set([
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ERR_STREAM_PREMATURE_CLOSE",
  "UND_ERR_REQ_CONTENT_LENGTH_MISMATCH",
  "ATTEMPT_TIMEOUT",
]);

/** Failures before the request was sent: repeating is safe for any method. */
const NOT_SENT_ERROR_CODES = new Set(["ECONNREFUSED", "UND_ERR_CONNECT_TIMEOUT", "EAI_AGAIN"]);

/** The error code of a Node/undici error, looking through `cause`. */
export function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

/** How a transport failure relates to retrying. */
export type TransportFailureKind = "not-sent" | "connection" | "other";

/**
 * Classifies a thrown transport error by its code (Node's and undici's errors carry one: a "socket hang up" is
 * ECONNRESET, "other side closed" UND_ERR_SOCKET), never by its text.
 */
export function classifyTransportError(err: unknown): TransportFailureKind {
  const code = errorCode(err);
  if (code && NOT_SENT_ERROR_CODES.has(code)) return "not-sent";
  if (code && CONNECTION_ERROR_CODES.has(code)) return "connection";
  return "other";
}

/** GET/HEAD/PUT/DELETE/OPTIONS repeat safely; POST and PATCH only when the caller says so. */
export function isSafeToRepeat(method: string, idempotent?: boolean): boolean {
  if (idempotent === true) return true;
  return ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].includes(method.toUpperCase());
}

/** Time as the waiting code sees it; tests pass a clock that only pretends to sleep. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Uniform in [0, 1): the jitter of a backoff; tests pass a fixed draw. */
export type RandomSource = () => number;

/** The real random source. */
export const systemRandom: RandomSource = Math.random;

/** How long and how often to wait for an eventual state. */
export interface WaitPolicy {
  /** First delay. */
  initialDelayMs: number;
  /** Largest single delay. */
  maxDelayMs: number;
  /** Give up after this long in total. */
  timeoutMs: number;
}

/** The delay before retry `n` (0-based) of a wait: doubling from the initial delay, capped. */
export function waitDelayMs(n: number, policy: Pick<WaitPolicy, "initialDelayMs" | "maxDelayMs">): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(n, 20));
}

/**
 * Calls `probe` until it returns a value other than undefined, waiting with backoff in between; throws
 * `onTimeout()` once the deadline has passed.
 */
export async function waitFor<T>(probe: () => Promise<T | undefined>, policy: WaitPolicy, onTimeout: () => Error, clock: Clock = systemClock): Promise<T> {
  const deadline = clock.now() + policy.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    const delay = waitDelayMs(attempt, policy);
    if (clock.now() + delay > deadline) throw onTimeout();
    await clock.sleep(delay);
  }
}
