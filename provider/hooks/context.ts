/**
 * The provider process's wiring: stack config (from `configure`) → settings → session → backend and server
 * facts, built once and shared by both resources' hooks through globalThis. The host may call a CRUD hook
 * before `configure` has finished (it caches the provider before awaiting configure), so every hook waits on
 * an internal ready promise.
 */
import type * as pulumi from "@pulumi/pulumi";
import { CinderClient } from "../clients/cinder";
import { NovaClient } from "../clients/nova";
import { sessionFor, type Session } from "../clients/session";
import { resolveSettings } from "../config/resolve-settings";
import type { Settings } from "../config/settings";
import { createBackend } from "../backends/backend-factory";
import type { PolicyBackend, PolicyRecord } from "../backends/policy-backend";
import { warnUser } from "./engine-warning";
import { PolicyCache } from "./policy-cache";
import { ServerDirectory } from "./server-facts";

/** Everything a hook needs to talk to the cloud. */
export interface ProviderContext {
  settings: Settings;
  session: Session;
  backend: PolicyBackend;
  servers: ServerDirectory;
  /**
   * The project's policies, listed once per process for the preview-time rules. Our own writes are applied to
   * the cached list (`noteWritten`, `noteDeleted`) rather than forcing a new listing: 32 creates would
   * otherwise cost up to 32 listings.
   */
  livePolicies(): Promise<PolicyRecord[]>;
  /** Puts a policy as our write left it into the cached list (when there is one). */
  noteWritten(record: PolicyRecord): void;
  /** Takes a policy we deleted out of the cached list. */
  noteDeleted(id: string): void;
  /** Forgets the cached policy list (and memoized reads), after a write whose outcome is unknown. */
  invalidateLivePolicies(): void;
  /** The project's policy quota, asked once per process (it does not change during one engine operation). */
  policyQuota(): Promise<number>;
  /**
   * A policy for the `read` hooks, fetched once per process: a policy and its associations are refreshed from
   * one GET (refresh costs one request per policy, not one per resource). Writes never use it.
   */
  readPolicy(id: string): Promise<PolicyRecord | undefined>;
}

interface ContextSlot {
  config?: (key: string) => string | undefined;
  ready: Promise<void>;
  resolveReady: () => void;
  context?: Promise<ProviderContext>;
}

const SLOT_KEY = Symbol.for("pulumi-csbs.provider-context");

function slot(): ContextSlot {
  const holder = globalThis as unknown as Record<symbol, ContextSlot | undefined>;
  let s = holder[SLOT_KEY];
  if (!s) {
    let resolveReady!: () => void;
    const ready = new Promise<void>((resolve) => (resolveReady = resolve));
    s = { ready, resolveReady };
    holder[SLOT_KEY] = s;
  }
  return s;
}

/** Records the stack config; both resources' providers call it, the first one wins (same stack config). */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  const s = slot();
  if (!s.config) s.config = (key) => req.config.get(key);
  s.resolveReady();
}

/** The process's context, built on first use after `configure`. */
export async function providerContext(): Promise<ProviderContext> {
  const s = slot();
  await s.ready;
  s.context ??= build(s.config ?? (() => undefined)).catch((err: unknown) => {
    // Do not cache a failure (e.g. a typo in config would otherwise stick for the whole process).
    s.context = undefined;
    throw err;
  });
  return s.context;
}

/** For tests: sets the config as `configure` would, and forgets any built context. */
export function resetProviderContext(config?: (key: string) => string | undefined): void {
  const holder = globalThis as unknown as Record<symbol, ContextSlot | undefined>;
  holder[SLOT_KEY] = undefined;
  if (config) {
    const s = slot();
    s.config = config;
    s.resolveReady();
  }
}

async function build(config: (key: string) => string | undefined): Promise<ProviderContext> {
  const settings = resolveSettings({ config, env: process.env });
  if (settings.insecure) {
    await warnUser(
      `TLS certificate verification is off (insecure=true from ${settings.origins.insecure ?? "settings"}): anyone on the network path to ${settings.authUrl} can read the credentials; use csbs:cacert (or OS_CACERT) with the cloud's CA instead, and keep insecure for testing only`,
    );
  }
  const session = sessionFor(settings);
  const servers = new ServerDirectory(new NovaClient(session), new CinderClient(session));
  const backend = await createBackend(settings, session, (id) => servers.nameOf(id));
  const policies = new PolicyCache(backend);
  return {
    settings,
    session,
    backend,
    servers,
    livePolicies: () => policies.livePolicies(),
    noteWritten: (record) => policies.noteWritten(record),
    noteDeleted: (id) => policies.noteDeleted(id),
    invalidateLivePolicies: () => policies.invalidate(),
    policyQuota: () => policies.policyQuota(),
    readPolicy: (id) => policies.readPolicy(id),
  };
}

