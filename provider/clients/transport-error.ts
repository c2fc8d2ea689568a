/**
 * A request that got no HTTP answer: connection refused or reset, a timeout, a TLS failure.
 * `outcomeUnknown` says whether the service may have applied it anyway (the request may have been sent),
 * which is what a create must know before it looks for its object by name instead of repeating itself.
 */
import type { ServiceName } from "./api-error";

/** What a `TransportError` is made of. */
export interface TransportErrorInit {
  service: ServiceName;
  method: string;
  path: string;
  /** The Node/undici error code, e.g. ECONNRESET, or ATTEMPT_TIMEOUT. */
  code?: string;
  /** What happened, in a sentence; holds no secret. */
  reason: string;
  outcomeUnknown: boolean;
  attempts: number;
}

/** No HTTP answer was received. */
export class TransportError extends Error {
  readonly service: ServiceName;
  readonly method: string;
  readonly path: string;
  readonly code?: string;
  readonly outcomeUnknown: boolean;
  readonly attempts: number;

  constructor(init: TransportErrorInit) {
    const tries = init.attempts > 1 ? ` after ${init.attempts} attempts` : "";
    super(`${init.service} ${init.method} ${init.path} failed${tries}: ${init.reason}`);
    this.name = "TransportError";
    this.service = init.service;
    this.method = init.method;
    this.path = init.path;
    this.code = init.code;
    this.outcomeUnknown = init.outcomeUnknown;
    this.attempts = init.attempts;
  }

  override toString(): string {
    return this.message;
  }
}
