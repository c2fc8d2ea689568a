/**
 * Settings → a connection to one project: the shared session (one token per connection for the whole
 * process), the policy backend of the configured dialect behind the caching decorator, and the server
 * directory. The dynamic provider's hooks use it, and so can anything else that has settings (a CLI, SDK
 * lookups): it needs no engine and no `configure`.
 */
import { CinderClient } from "./clients/cinder";
import { identityKey, credentialsFromSettings } from "./clients/credentials";
import { NovaClient } from "./clients/nova";
import { sessionFor, type Session, type SessionOptions } from "./clients/session";
import { resolveSettings, type SettingsSources } from "./config/resolve-settings";
import type { Settings } from "./config/settings";
import { createBackend } from "./backends/backend-factory";
import type { BackupBackend } from "./backends/backup-backend";
import { createBackupBackend } from "./backends/backup-backend-factory";
import { CachingBackend } from "./backends/caching-backend";
import { ServerDirectory } from "./hooks/server-facts";
import { Memo } from "./runtime/memo";

/**
 * Where a connection's resources live, as the service counts its limits (32 policies, 64 servers each, one policy
 * per server): one project's data-protection endpoint in one region. Two profiles reaching the same endpoint share
 * the limits; two regions or two projects do not.
 */
export interface Place {
  /** The data-protection endpoint of the project (the URL holds the project id), e.g. `https://csbs.eu-de/v1/4f1…`. */
  key: string;
  /** How errors name it: `project "demo" in region "RegionOne" (profile "paris")`. */
  label: string;
}

/** Everything needed to talk to one project's data-protection service and its servers. */
export interface Connection {
  settings: Settings;
  session: Session;
  /** The policy backend; writes through it keep its listing current. */
  backend: CachingBackend;
  /** On-demand backups and the project's backups (ServerBackup, lookups). */
  backups: BackupBackend;
  servers: ServerDirectory;
  /** Where its resources live (one token request the first time, if no request was made yet). */
  place(): Promise<Place>;
}

/** Opens a connection for resolved settings. Requests start only when something is asked. */
export function openConnection(settings: Settings, options: SessionOptions = {}): Connection {
  const session = sessionFor(settings, options);
  const servers = new ServerDirectory(new NovaClient(session), new CinderClient(session));
  const backend = new CachingBackend(createBackend(settings, session, (id) => servers.nameOf(id)));
  const place = new Memo<Place>();
  let backups: BackupBackend | undefined;
  return {
    settings,
    session,
    backend,
    // Made on first use: only ServerBackup and the SDK's lookups need it, and its dialect's modules load with it.
    get backups() {
      return (backups ??= createBackupBackend(settings, session));
    },
    servers,
    place: () => place.get(() => placeOf(settings, session)),
  };
}

async function placeOf(settings: Settings, session: Session): Promise<Place> {
  const [key, token] = await Promise.all([session.endpoint("data-protect"), session.token()]);
  const project = settings.projectName !== undefined ? `project "${settings.projectName}"` : `project ${token.projectId}`;
  const region = settings.region !== undefined ? ` in region "${settings.region}"` : "";
  const profile = settings.profile !== undefined ? ` (profile "${settings.profile}")` : "";
  return { key, label: `${project}${region}${profile}` };
}

/** Resolves settings (stack config → `OS_*` env → clouds.yaml) and opens a connection for them. */
export function connect(sources: SettingsSources, options: SessionOptions = {}): Connection {
  return openConnection(resolveSettings(sources), options);
}

/**
 * What tells two connections apart: identity and project (as the shared token is keyed), region, endpoint and
 * dialect. Never contains a secret in clear text (identityKey holds only a digest of it).
 */
export function connectionKey(settings: Settings): string {
  return JSON.stringify([
    identityKey(settings.authUrl, credentialsFromSettings(settings)),
    settings.region ?? null,
    settings.endpoint ?? null,
    settings.api ?? "csbs",
    settings.interface ?? null,
    // Errors name the profile they were resolved for: two profiles never share a connection object (their tokens
    // are still shared, by identity and project).
    settings.profile ?? null,
  ]);
}
