/**
 * The cloud as the lookups and day-2 operations reach it: settings resolved exactly as the provider resolves
 * them (a profile's `csbs:profiles.<name>.*`, stack config `csbs:*`, `openstack:*`, then `OS_*`, then
 * clouds.yaml), and one session per identity for the whole process, so every lookup of a program shares one
 * token per project.
 */
import * as pulumi from "@pulumi/pulumi";
import { CinderClient } from "../provider/clients/cinder";
import { CsbsClient } from "../provider/clients/csbs";
import { CsbsOperationsClient } from "../provider/clients/csbs-operations";
import { NovaClient } from "../provider/clients/nova";
import { sessionFor, type Session } from "../provider/clients/session";
import { resolveSettings } from "../provider/config/resolve-settings";
import type { Settings } from "../provider/config/settings";
import { createBackend } from "../provider/backends/backend-factory";
import { connectionKey } from "../provider/connection";
import type { PolicyBackend } from "../provider/backends/policy-backend";
import type { BackupBackend } from "../provider/backends/backup-backend";
import { createBackupBackend } from "../provider/backends/backup-backend-factory";

/** Where the settings come from; every field is optional. */
export interface ConnectionOptions {
  /**
   * Stack config by full key (`{"csbs:authUrl": "...", "csbs:password": "..."}`), e.g. another stack's as
   * `pulumi config --json --show-secrets` prints it.
   * @default the running Pulumi program's stack config (none outside a program)
   */
  config?: Readonly<Record<string, string | undefined>>;
  /**
   * The clouds.yaml entry to use; wins over `csbs:cloud` and `OS_CLOUD`.
   * @default `csbs:cloud`, then `OS_CLOUD`
   */
  cloud?: string;
  /** Environment variables (`OS_*`, `OS_CLOUD`). @default process.env */
  env?: NodeJS.ProcessEnv;
  /**
   * The stack config profile to use (`csbs:profiles.<profile>.*` over the stack-wide settings): the project and
   * region the lookup reads.
   * @default none: the stack-wide settings
   */
  profile?: string;
}

/** The clients of one resolved identity. */
export interface Connection {
  readonly settings: Settings;
  readonly session: Session;
  readonly csbs: CsbsClient;
  readonly operations: CsbsOperationsClient;
  readonly nova: NovaClient;
  readonly cinder: CinderClient;
  /** The policy backend of the configured dialect (created once). */
  backend(): Promise<PolicyBackend>;
  /** The project's backups in the configured dialect (CSBS checkpoint items, Karbor checkpoints). */
  readonly backups: BackupBackend;
}

const CONNECTIONS_KEY = Symbol.for("pulumi-csbs.sdk-connections");

function connections(): Map<string, Connection> {
  const holder = globalThis as unknown as Record<symbol, Map<string, Connection> | undefined>;
  holder[CONNECTIONS_KEY] ??= new Map();
  return holder[CONNECTIONS_KEY];
}

function configReader(options: ConnectionOptions): (key: string) => string | undefined {
  const given = options.config;
  const base = given ? (key: string) => given[key] : (key: string) => pulumi.runtime.getConfig(key);
  return (key) => (key === "csbs:cloud" && options.cloud !== undefined ? options.cloud : base(key));
}

/** Resolves the settings (throwing one error that lists what is missing and how to set it). */
export function connectionSettings(options: ConnectionOptions = {}): Settings {
  return resolveSettings({ config: configReader(options), env: options.env ?? process.env, ...(options.profile !== undefined ? { profile: options.profile } : {}) });
}

/** The connection for these settings; the same identity gets the same connection (and token) process-wide. */
export function connect(options: ConnectionOptions = {}): Connection {
  const settings = connectionSettings(options);
  // Secrets are part of the key only as the digest the identity key holds; none is kept in this text.
  const key = connectionKey(settings);
  const known = connections().get(key);
  if (known) return known;
  const session = sessionFor(settings);
  const nova = new NovaClient(session);
  let backend: Promise<PolicyBackend> | undefined;
  const connection: Connection = {
    settings,
    session,
    csbs: new CsbsClient(session),
    operations: new CsbsOperationsClient(session),
    nova,
    cinder: new CinderClient(session),
    backups: createBackupBackend(settings, session),
    backend: () => {
      backend ??= Promise.resolve(createBackend(settings, session, async (id) => (await nova.getServer(id))?.name || id));
      return backend;
    },
  };
  connections().set(key, connection);
  return connection;
}
