/**
 * The one JSON request function every client uses: Node's http/https (transport.ts) with keep-alive agents per TLS setting, retries
 * with full-jitter backoff that honour `Retry-After`, repeat only what is safe to repeat, and stop at a
 * deadline. Failures are `ApiError` (the service answered) or `TransportError` (it did not).
 */
import { STATUS_CODES } from "node:http";
import { ApiError, parseErrorBody, type ServiceName } from "./api-error";
import { FirstContact } from "./first-contact";
import {
  DEFAULT_RETRY_POLICY,
  RETRY_AFTER_STATUSES,
  RETRYABLE_STATUSES,
  backoffDelayMs,
  classifyTransportError,
  errorCode,
  isSafeToRepeat,
  parseRetryAfter,
  systemClock,
  systemRandom,
  type Clock,
  type RandomSource,
  type RetryPolicy,
} from "./retry";
import { scrubSecrets } from "./scrub";
import { agentFor, describeTlsError, type TlsSettings } from "./tls";
import { TransportError } from "./transport-error";
import { exchange } from "./transport";

/** Methods the clients use. */
export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One logical call (possibly several attempts). */
export interface HttpRequest {
  /** Display name of the service, used in errors. */
  service: ServiceName;
  method: HttpMethod;
  /** Absolute URL, query string included. */
  url: string;
  /** The path shown in errors. @default the URL's path and query */
  path?: string;
  /** Extra headers; `Accept` and `Content-Type` are set for JSON. @default {} */
  headers?: Record<string, string>;
  /** JSON body. @default no body */
  body?: unknown;
  /** The caller guarantees a repeated POST/PATCH does no harm. @default false */
  idempotent?: boolean;
  /** Values to scrub from any error text, in addition to the credential patterns. @default [] */
  secrets?: readonly string[];
  /** Per-call overrides of the client's retry policy. @default the client's policy */
  retry?: Partial<RetryPolicy>;
}

/** A 2xx answer. */
export interface HttpResponse<T = unknown> {
  status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON, or undefined for an empty or non-JSON body. */
  body: T | undefined;
  requestId?: string;
  /** How many attempts it took. */
  attempts: number;
}

/** Told about each retry (for logs and the bench); never given a body or a header value. */
export interface RetryEvent {
  service: ServiceName;
  method: string;
  path: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

/** How a client is built; everything is optional and injectable for tests. */
export interface HttpClientOptions {
  /** @default verified against the system's CAs */
  tls?: TlsSettings;
  /** @default DEFAULT_RETRY_POLICY */
  retry?: Partial<RetryPolicy>;
  /** The backoff's jitter. @default systemRandom (Math.random) */
  random?: RandomSource;
  /** Time for the deadline, `Retry-After` dates and the waits between attempts. @default systemClock */
  clock?: Clock;
  /** @default no-op */
  onRetry?: (event: RetryEvent) => void;
}

/** Sends JSON requests; see `createHttpClient`. */
export interface HttpClient {
  request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>>;
}

/** A client bound to TLS settings and a retry policy. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const random = options.random ?? systemRandom;
  const clock = options.clock ?? systemClock;
  const agent = agentFor(options.tls);
  const firstContact = new FirstContact();

  return {
    async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
      const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry, ...req.retry };
      const path = req.path ?? displayPath(req.url);
      const safe = isSafeToRepeat(req.method, req.idempotent);
      const secrets = req.secrets ?? [];
      const started = clock.now();
      const remaining = (): number => policy.deadlineMs - (clock.now() - started);

      for (let attempt = 1; ; attempt++) {
        let outcome: Attempt;
        try {
          outcome = await sendOnce(req, agent, Math.max(1, Math.min(policy.attemptTimeoutMs, remaining())));
        } catch (err) {
          const failure = transportFailure(err, req, path, attempt, policy.attemptTimeoutMs);
          const retryable = failure.kind === "not-sent" || (failure.kind === "connection" && safe);
          const delay = backoffDelayMs(attempt, policy, random);
          if (!retryable || attempt >= firstContact.maxAttempts(req.url, err, policy.maxAttempts) || delay > remaining()) throw failure.error;
          options.onRetry?.({ service: req.service, method: req.method, path, attempt, delayMs: delay, reason: failure.error.code ?? "connection error" });
          await clock.sleep(delay);
          continue;
        }
        firstContact.noteAnswered(req.url);

        if (outcome.status >= 200 && outcome.status < 300) {
          return { status: outcome.status, headers: outcome.headers, body: outcome.json as T | undefined, requestId: outcome.requestId, attempts: attempt };
        }

        if (RETRYABLE_STATUSES.has(outcome.status) && safe && attempt < policy.maxAttempts) {
          const retryAfter = RETRY_AFTER_STATUSES.has(outcome.status) ? parseRetryAfter(outcome.headers["retry-after"], new Date(clock.now())) : undefined;
          const delay = retryAfter ?? backoffDelayMs(attempt, policy, random);
          if (delay <= remaining()) {
            options.onRetry?.({ service: req.service, method: req.method, path, attempt, delayMs: delay, reason: `HTTP ${outcome.status}` });
            await clock.sleep(delay);
            continue;
          }
        }
        throw apiErrorFrom(outcome, req, path, secrets);
      }
    },
  };
}

interface Attempt {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
  requestId?: string;
}

class AttemptTimeout extends Error {
  readonly code = "ATTEMPT_TIMEOUT";
}

async function sendOnce(req: HttpRequest, agent: ReturnType<typeof agentFor>, timeoutMs: number): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new AttemptTimeout(`no complete answer within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  try {
    const headers: Record<string, string> = { accept: "application/json", ...req.headers };
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers["content-type"] = "application/json";
    }
    const res = await exchange(req.url, { method: req.method, headers, body, agents: agent, signal: controller.signal });
    const text = res.text;
    const flat = flattenHeaders(res.headers);
    let json: unknown;
    if (text.trim() !== "") {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    const requestId = flat["x-openstack-request-id"] ?? flat["x-compute-request-id"] ?? flat["x-request-id"];
    return { status: res.status, headers: flat, text, json, requestId };
  } catch (err) {
    // An aborted request fails with an AbortError; report our timeout, not a generic abort.
    if (controller.signal.aborted && controller.signal.reason instanceof AttemptTimeout) throw controller.signal.reason;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

function transportFailure(err: unknown, req: HttpRequest, path: string, attempts: number, attemptTimeoutMs: number) {
  const tls = describeTlsError(err, req.url);
  if (tls) {
    return { kind: "tls" as const, error: new TransportError({ service: req.service, method: req.method, path, code: errorCode(err), reason: tls, outcomeUnknown: false, attempts }) };
  }
  const kind = err instanceof AttemptTimeout ? "connection" : classifyTransportError(err);
  const code = errorCode(err);
  const detail = err instanceof AttemptTimeout ? `no complete answer within ${Math.round(attemptTimeoutMs / 1000)} s` : err instanceof Error ? err.message : String(err);
  const reason = scrubSecrets(`${detail}${code && !detail.includes(code) ? ` (${code})` : ""}`, req.secrets ?? []);
  return {
    kind,
    error: new TransportError({ service: req.service, method: req.method, path, code, reason, outcomeUnknown: kind !== "not-sent", attempts }),
  };
}

function apiErrorFrom(outcome: Attempt, req: HttpRequest, path: string, secrets: readonly string[]): ApiError {
  const parsed = parseErrorBody(outcome.json);
  let message = parsed.message;
  if (!message) {
    const plain = outcome.text.trim();
    const isHtml = /^<|text\/html/i.test(plain) || /html/i.test(outcome.headers["content-type"] ?? "");
    message = plain && !isHtml && plain.length <= 300 && outcome.json === undefined ? plain : (STATUS_CODES[outcome.status] ?? "error");
  }
  return new ApiError({ status: outcome.status, code: parsed.code, serviceMessage: message, requestId: outcome.requestId, service: req.service, method: req.method, path }, secrets);
}

function displayPath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}
