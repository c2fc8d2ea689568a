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
import { ServerDirectory } from "./server-facts";

/** Everything a hook needs to talk to the cloud. */
export interface ProviderContext {
  settings: Settings;
  session: Session;
  backend: PolicyBackend;
  servers: ServerDirectory;
  /** The project's policies, listed once per process for the preview-time rules (refreshed after our writes). */
  livePolicies(): Promise<PolicyRecord[]>;
  /** Forgets the cached policy list after a write of ours. */
  invalidateLivePolicies(): void;
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
  let live: Promise<PolicyRecord[]> | undefined;
  return {
    settings,
    session,
    backend,
    servers,
    livePolicies() {
      live ??= backend.list().catch((err: unknown) => {
        live = undefined;
        throw err;
      });
      return live;
    },
    invalidateLivePolicies() {
      live = undefined;
    },
  };
}

