/**
 * A Session turns settings into authenticated requests: it issues tokens lazily, shares ONE token per
 * (auth URL, identity, project) across the whole provider process (concurrent hooks run in parallel, so the
 * token promise itself is shared through the process's runtime), renews it before expiry or after a 401, and
 * resolves service URLs from the catalog.
 */
import type { Settings } from "../config/settings";
import { secretValues } from "../config/describe-settings";
import { isApiError, type ServiceName } from "./api-error";
import { SERVICE_TYPES, endpointFor, expandProjectId } from "./catalog";
import { credentialsFromSettings, identityKey } from "./credentials";
import { createHttpClient, type HttpClient, type HttpMethod, type HttpResponse } from "./http";
import { issueToken, type IssuedToken, type KeystoneCredentials } from "./keystone";
import { providerRuntime, type SessionStore } from "../runtime/provider-runtime";

/** The services a session calls. */
export type SessionService = "data-protect" | "compute" | "volumev3";

/** Query parameter values; undefined ones are left out, arrays repeat the key. */
export type QueryValue = string | number | boolean | undefined | readonly string[];

/** Options of one request. */
export interface SessionRequestOptions {
  /** JSON body. @default none */
  body?: unknown;
  /** @default none */
  query?: Record<string, QueryValue>;
  /** A POST the caller knows is safe to repeat. @default false */
  idempotent?: boolean;
  /** Extra request headers, e.g. a microversion. @default none */
  headers?: Record<string, string>;
}

/** Counters for the bench and for tests (process-wide). */
export interface SessionCounters {
  tokensIssued: number;
  renewalsAfter401: number;
  requests: number;
  retries: number;
}

/** Renew this long before expiry (or a quarter of a short token's life, whichever is less). */
export const RENEW_BEFORE_MS = 60_000;

/** One connection's shared token: the pending or current one, and when it was issued. */
export interface TokenSlot {
  promise?: Promise<IssuedToken>;
  current?: IssuedToken;
  issuedAt?: number;
}

function registry(): SessionStore {
  return providerRuntime().sessions;
}

/** A copy of the process-wide counters. */
export function sessionCounters(): SessionCounters {
  return { ...registry().counters };
}

/** Forgets every shared token and zeroes the counters (tests). */
export function resetSessions(): void {
  const r = registry();
  r.tokens.clear();
  r.counters = { tokensIssued: 0, renewalsAfter401: 0, requests: 0, retries: 0 };
}

/** Injectable parts, for tests. */
export interface SessionOptions {
  /** @default a client with the settings' TLS options */
  http?: HttpClient;
  /** @default () => new Date() */
  now?: () => Date;
}

/** Authenticated access to the cloud for one set of settings. */
export class Session {
  readonly settings: Settings;
  private readonly http: HttpClient;
  private readonly now: () => Date;
  private readonly credentials: KeystoneCredentials;
  private readonly key: string;

  constructor(settings: Settings, options: SessionOptions = {}) {
    this.settings = settings;
    this.now = options.now ?? (() => new Date());
    this.http =
      options.http ??
      createHttpClient({ tls: { cacert: settings.cacert, insecure: settings.insecure }, onRetry: () => void registry().counters.retries++ });
    this.credentials = credentialsFromSettings(settings);
    this.key = identityKey(settings.authUrl, this.credentials);
  }

  /** The display name of a service in errors. */
  serviceName(service: SessionService): ServiceName {
    if (service === "data-protect") return this.settings.api === "karbor" ? "Karbor" : "CSBS";
    return service === "compute" ? "Nova" : "Cinder";
  }

  /** The shared token, issued on first use and renewed near its expiry. */
  async token(): Promise<IssuedToken> {
    const slot = this.slot();
    for (let round = 0; round < 3; round++) {
      const pending = slot.promise ?? this.renew(slot, undefined);
      let token: IssuedToken;
      try {
        token = await pending;
      } catch (err) {
        if (slot.promise === pending) slot.promise = undefined;
        throw err;
      }
      if (!this.nearExpiry(token, slot)) return token;
      this.renew(slot, pending);
    }
    return (slot.promise ?? this.renew(slot, undefined));
  }

  /** The URL of a service for this session's project, without a trailing slash. */
  async endpoint(service: SessionService): Promise<string> {
    const token = await this.token();
    if (service === "data-protect" && this.settings.endpoint) return expandProjectId(this.settings.endpoint, token.projectId);
    const url = endpointFor(token.catalog, SERVICE_TYPES[service], { region: this.settings.region, interface: this.settings.interface });
    return expandProjectId(url, token.projectId);
  }

  /** Secrets to scrub from any text about this session's requests. */
  secrets(token?: IssuedToken): string[] {
    return [...secretValues(this.settings), ...(token ? [token.value] : [])];
  }

  /**
   * One authenticated JSON request to `service` at `path` (relative to its endpoint, starting with "/").
   * A 401 renews the token once and repeats the request once.
   */
  async request<T = unknown>(service: SessionService, method: HttpMethod, path: string, options: SessionRequestOptions = {}): Promise<HttpResponse<T>> {
    const fullPath = `${path}${queryString(options.query)}`;
    const send = async (token: IssuedToken): Promise<HttpResponse<T>> => {
      registry().counters.requests++;
      const base = await this.endpoint(service);
      return this.http.request<T>({
        service: this.serviceName(service),
        method,
        url: `${base}${fullPath}`,
        path: fullPath,
        headers: { ...options.headers, "x-auth-token": token.value },
        body: options.body,
        idempotent: options.idempotent,
        secrets: this.secrets(token),
      });
    };
    const token = await this.token();
    try {
      return await send(token);
    } catch (err) {
      if (!isApiError(err, 401)) throw err;
      this.invalidate(token);
      registry().counters.renewalsAfter401++;
      return send(await this.token());
    }
  }

  private slot(): TokenSlot {
    const tokens = registry().tokens;
    let slot = tokens.get(this.key);
    if (!slot) {
      slot = {};
      tokens.set(this.key, slot);
    }
    return slot;
  }

  private nearExpiry(token: IssuedToken, slot: TokenSlot): boolean {
    const left = token.expiresAt.getTime() - this.now().getTime();
    const life = slot.current === token && slot.issuedAt !== undefined ? token.expiresAt.getTime() - slot.issuedAt : Infinity;
    return left <= Math.min(RENEW_BEFORE_MS, life / 4);
  }

  /** Starts a new token unless someone already replaced `stale`. */
  private renew(slot: TokenSlot, stale: Promise<IssuedToken> | undefined): Promise<IssuedToken> {
    if (slot.promise && slot.promise !== stale) return slot.promise;
    const issuedAt = this.now().getTime();
    const promise = issueToken(this.http, this.settings.authUrl, this.credentials).then((token) => {
      if (slot.promise === promise) {
        slot.current = token;
        slot.issuedAt = issuedAt;
      }
      return token;
    });
    registry().counters.tokensIssued++;
    slot.promise = promise;
    return promise;
  }

  /** Drops `token` after a 401, unless a newer one already replaced it. */
  private invalidate(token: IssuedToken): void {
    const slot = this.slot();
    if (slot.current === token || slot.current?.value === token.value) {
      slot.promise = undefined;
      slot.current = undefined;
    }
  }
}

/** Builds `?a=1&b=x` from query values (empty when none are set). */
export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.append(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** A session for these settings; every session of the same identity shares one token. */
export function sessionFor(settings: Settings, options: SessionOptions = {}): Session {
  return new Session(settings, options);
}
