/**
 * Everything one provider process remembers, in ONE globalThis slot: the engine loads our hooks once per
 * serialized provider text (one per resource type, possibly from two installed copies of the package), and
 * those copies must still share one token per connection, one view of the deployment, one lock per policy and
 * one set of warnings already shown. Nothing else in provider/ keeps process state.
 */
import type { SessionCounters, TokenSlot } from "../clients/session";
import { DeploymentRegistry } from "./deployment-registry";
import { MemoMap } from "./memo";
import { PolicyLocks } from "./policy-locks";
import { WriteBatches } from "./write-batches";

/** Stack config as `configure` received it. */
export type ConfigSource = (key: string) => string | undefined;

/** The tokens of every connection of the process (keyed by auth URL, identity and project), and counters. */
export class SessionStore {
  readonly tokens = new Map<string, TokenSlot>();
  counters: SessionCounters = { tokensIssued: 0, renewalsAfter401: 0, requests: 0, retries: 0 };
}

export class ProviderRuntime {
  /** Bumped when the shape changes, so a copy of another shape is replaced rather than misread. */
  static readonly VERSION = 2;
  readonly version = ProviderRuntime.VERSION;
  readonly sessions = new SessionStore();
  readonly deployment = new DeploymentRegistry();
  readonly locks = new PolicyLocks();
  /** Server-list changes of one policy gathered into one read-modify-write (membership-writer.ts). */
  readonly membershipBatches = new WriteBatches();
  /** The filter that keeps our user-facing errors from being printed twice is installed. */
  consoleQuieted = false;
  /** Warning texts already shown to the user. */
  readonly warningsShown = new Set<string>();
  /** What is built once per connection (session, backend, server directory), keyed by connection; failures are not kept. */
  readonly connections = new MemoMap<string, unknown>();
  private configSource?: ConfigSource;
  private readonly configured: Promise<void>;
  private markConfigured!: () => void;

  constructor() {
    this.deployment.onRegister(() => this.membershipBatches.nudge());
    this.configured = new Promise<void>((resolve) => (this.markConfigured = resolve));
  }

  /** Records the stack config; both resources' providers call it, the first one wins (same stack config). */
  configure(config: ConfigSource): void {
    this.configSource ??= config;
    this.markConfigured();
  }

  /**
   * The stack config, once `configure` ran: the host may call a CRUD hook before `configure` has finished
   * (it caches the provider before awaiting configure), so hooks wait here.
   */
  async config(): Promise<ConfigSource> {
    await this.configured;
    return this.configSource ?? (() => undefined);
  }
}

const SLOT = Symbol.for("pulumi-csbs.runtime");

/** The process's runtime, created on first use. */
export function providerRuntime(): ProviderRuntime {
  const holder = globalThis as unknown as Record<symbol, ProviderRuntime | undefined>;
  const current = holder[SLOT];
  if (current && current.version === ProviderRuntime.VERSION) return current;
  const fresh = new ProviderRuntime();
  holder[SLOT] = fresh;
  return fresh;
}

/** For tests: a fresh runtime, as a new provider process would have; with `config`, already configured. */
export function resetProviderRuntime(config?: ConfigSource): ProviderRuntime {
  const holder = globalThis as unknown as Record<symbol, ProviderRuntime | undefined>;
  holder[SLOT] = undefined;
  const fresh = providerRuntime();
  if (config) fresh.configure(config);
  return fresh;
}
