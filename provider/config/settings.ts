/**
 * The resolved connection settings of the provider: which cloud, which identity, which project, how to
 * trust TLS, which dialect. Produced by `resolveSettings`; secrets live here only in memory.
 */

/** The data-protection API dialect. */
export type ApiDialect = "csbs" | "karbor";

/** Every field the provider can be configured with. */
export interface SettingsFields {
  authUrl?: string;
  region?: string;
  projectId?: string;
  projectName?: string;
  projectDomainName?: string;
  projectDomainId?: string;
  userName?: string;
  userId?: string;
  userDomainName?: string;
  userDomainId?: string;
  password?: string;
  applicationCredentialId?: string;
  applicationCredentialName?: string;
  applicationCredentialSecret?: string;
  token?: string;
  /** PEM text or the path of a PEM file. */
  cacert?: string;
  insecure?: boolean;
  /** Overrides the catalog's data-protect URL; may hold `{project_id}`. */
  endpoint?: string;
  api?: ApiDialect;
  /** The clouds.yaml entry in use. */
  cloud?: string;
  /** `password`, `v3applicationcredential` or `token` (OS_AUTH_TYPE / clouds.yaml `auth_type`). */
  authType?: string;
  /** Catalog interface: public, internal or admin. */
  interface?: "public" | "internal" | "admin";
}

/** The field names, in the order they are described. */
export const SETTINGS_FIELDS = [
  "cloud",
  "authUrl",
  "region",
  "authType",
  "userName",
  "userId",
  "userDomainName",
  "userDomainId",
  "password",
  "applicationCredentialId",
  "applicationCredentialName",
  "applicationCredentialSecret",
  "token",
  "projectId",
  "projectName",
  "projectDomainName",
  "projectDomainId",
  "cacert",
  "insecure",
  "endpoint",
  "api",
  "interface",
] as const satisfies ReadonlyArray<keyof SettingsFields>;

/** A settings field name. */
export type SettingsField = (typeof SETTINGS_FIELDS)[number];

/** The fields that hold secrets. */
export const SECRET_FIELDS: ReadonlySet<SettingsField> = new Set(["password", "applicationCredentialSecret", "token"]);

/** How the provider authenticates. */
export type AuthMethod = "password" | "application_credential" | "token";

/** Resolved, validated settings. */
export interface Settings extends SettingsFields {
  authUrl: string;
  api: ApiDialect;
  insecure: boolean;
  authMethod: AuthMethod;
  /** The profile these settings were resolved for (`csbs:profiles.<profile>`); absent for the stack-wide settings. */
  profile?: string;
  /** Where each set field came from, e.g. `stack config csbs:authUrl`, `OS_AUTH_URL`, `clouds.yaml (/path) cloud "x"`. */
  origins: Partial<Record<SettingsField, string>>;
}
