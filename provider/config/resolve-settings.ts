/**
 * Merging the sources into validated `Settings`: a named profile (`csbs:profiles.<name>.*`, then the clouds.yaml
 * entry the profile names), then stack config `csbs:*`, then @pulumi/openstack's `openstack:*`, then `OS_*`
 * environment variables, then the clouds.yaml entry named by `csbs:cloud` / `openstack:cloud` / `OS_CLOUD`.
 * Field by field, the first source that sets a field wins.
 */
import { cloudsYamlLayer, type CloudsYamlLocations } from "./clouds-yaml";
import { envLayer, ENV_VARIABLES } from "./env-source";
import { MissingSettingsError } from "./missing-settings-error";
import type { SettingsLayer } from "./layer";
import { SETTINGS_FIELDS, type ApiDialect, type AuthMethod, type Settings, type SettingsField, type SettingsFields } from "./settings";
import { OPENSTACK_KEYS, OPENSTACK_NAMESPACE, openstackConfigLayer } from "./openstack-config-source";
import { profileLayer, profileOrigin } from "./profile-source";
import { stackConfigLayer, type ConfigReader } from "./stack-config-source";

/** Where settings come from. */
export interface SettingsSources extends CloudsYamlLocations {
  /** Stack config by full key ("csbs:authUrl"). */
  config: ConfigReader;
  env: NodeJS.ProcessEnv;
  /** The profile whose settings come first (`csbs:profiles.<profile>.*`). @default none: the stack-wide settings */
  profile?: string;
}

/** The clouds.yaml key of each field, for the "how to set it" part of errors. */
const CLOUDS_YAML_KEYS: Partial<Record<SettingsField, string>> = {
  authUrl: "auth.auth_url",
  userName: "auth.username",
  userId: "auth.user_id",
  password: "auth.password",
  applicationCredentialId: "auth.application_credential_id",
  applicationCredentialName: "auth.application_credential_name",
  applicationCredentialSecret: "auth.application_credential_secret",
  token: "auth.token",
  projectId: "auth.project_id",
  projectName: "auth.project_name",
};

/** Every way to set `field`, for error messages. */
export function waysToSet(field: SettingsField, profile?: string): string {
  const ways = [
    ...(profile !== undefined ? [profileOrigin(profile, field)] : []),
    `stack config csbs:${field}`,
    ...(OPENSTACK_KEYS[field] ?? []).slice(0, 1).map((k) => `stack config ${OPENSTACK_NAMESPACE}:${k}`),
    ...(ENV_VARIABLES[field] ?? []).slice(0, 1).map((v) => `env ${v}`),
  ];
  const yamlKey = CLOUDS_YAML_KEYS[field];
  if (yamlKey) ways.push(`${yamlKey} in clouds.yaml (with csbs:cloud or OS_CLOUD)`);
  return ways.join(", ");
}

function parseBool(value: string, origin: string): boolean {
  if (/^(true|1|yes|on)$/i.test(value)) return true;
  if (/^(false|0|no|off)$/i.test(value)) return false;
  throw new Error(`insecure is "${value}" (from ${origin}): it must be true or false; set it to "true" only for testing`);
}

function parseApi(value: string, origin: string): ApiDialect {
  const v = value.toLowerCase();
  if (v === "csbs" || v === "karbor") return v;
  throw new Error(`api is "${value}" (from ${origin}): it must be "csbs" (the default) or "karbor"; fix csbs:api`);
}

function parseInterface(value: string, origin: string): Settings["interface"] {
  const v = value.toLowerCase().replace(/url$/, "");
  if (v === "public" || v === "internal" || v === "admin") return v;
  throw new Error(`interface is "${value}" (from ${origin}): it must be public, internal or admin`);
}

function authMethodFromType(value: string, origin: string): AuthMethod {
  const v = value.toLowerCase().replace(/[-_]/g, "");
  if (v === "password" || v === "v3password") return "password";
  if (v === "v3applicationcredential" || v === "applicationcredential") return "application_credential";
  if (v === "token" || v === "v3token") return "token";
  throw new Error(`auth type is "${value}" (from ${origin}): supported are password, v3applicationcredential and token; fix OS_AUTH_TYPE or auth_type`);
}

/** The method chosen by the first source that says anything about identity, so a stray variable lower down cannot override it. */
function chooseAuthMethod(layers: readonly SettingsLayer[]): { method: AuthMethod; origin: string } {
  for (const layer of layers) {
    const v = layer.values;
    if (v.authType) return { method: authMethodFromType(v.authType, layer.origins.authType ?? layer.source), origin: layer.origins.authType ?? layer.source };
    if (v.token) return { method: "token", origin: layer.origins.token ?? layer.source };
    if (v.applicationCredentialId || v.applicationCredentialSecret) return { method: "application_credential", origin: layer.source };
    if (v.password) return { method: "password", origin: layer.origins.password ?? layer.source };
  }
  return { method: "password", origin: "default" };
}

/** Resolves and validates the settings; throws one error listing everything missing and how to set it. */
export function resolveSettings(sources: SettingsSources): Settings {
  const stackWide: SettingsLayer[] = [stackConfigLayer(sources.config), openstackConfigLayer(sources.config), envLayer(sources.env)];
  const profile = sources.profile !== undefined ? profileLayer(sources.config, sources.profile) : undefined;
  const cloudsYaml = (l: SettingsLayer) => cloudsYamlLayer(l.values.cloud as string, l.origins.cloud as string, sources.env, sources);
  // A profile that names a cloud means that cloud: its entry ranks right after the profile's own values, above the
  // stack-wide settings (else a stack-wide csbs:authUrl would send the profile to the other cloud). Only one
  // clouds.yaml entry is ever read: the one the winning `cloud` names.
  const layers: SettingsLayer[] = profile ? (profile.values.cloud ? [profile, cloudsYaml(profile)] : [profile]) : [];
  layers.push(...stackWide);
  const cloudLayer = stackWide.find((l) => l.values.cloud);
  if (!profile?.values.cloud && cloudLayer) layers.push(cloudsYaml(cloudLayer));

  const raw: Partial<Record<SettingsField, string>> = {};
  const origins: Settings["origins"] = {};
  for (const field of SETTINGS_FIELDS) {
    const layer = layers.find((l) => l.values[field] !== undefined);
    if (layer) {
      raw[field] = layer.values[field];
      origins[field] = layer.origins[field];
    }
  }

  const { method } = chooseAuthMethod(layers);
  const fields: SettingsFields = {};
  for (const field of SETTINGS_FIELDS) {
    const value = raw[field];
    if (value === undefined) continue;
    const origin = origins[field] ?? field;
    if (field === "insecure") fields.insecure = parseBool(value, origin);
    else if (field === "api") fields.api = parseApi(value, origin);
    else if (field === "interface") fields.interface = parseInterface(value, origin);
    else (fields as Record<string, string>)[field] = value;
  }

  const missing: SettingsField[][] = [];
  if (!fields.authUrl) missing.push(["authUrl"]);
  if (method === "password") {
    if (!fields.userName && !fields.userId) missing.push(["userName", "userId"]);
    if (!fields.password) missing.push(["password"]);
  } else if (method === "application_credential") {
    if (!fields.applicationCredentialSecret) missing.push(["applicationCredentialSecret"]);
    if (!fields.applicationCredentialId && !fields.applicationCredentialName) missing.push(["applicationCredentialId", "applicationCredentialName"]);
    if (!fields.applicationCredentialId && fields.applicationCredentialName && !fields.userName && !fields.userId) missing.push(["userName", "userId"]);
  } else if (!fields.token) {
    missing.push(["token"]);
  }
  if (method !== "application_credential" && !fields.projectId && !fields.projectName) missing.push(["projectId", "projectName"]);
  if (missing.length > 0) {
    const lines = missing.map((alternatives) => `  - ${alternatives.join(" or ")}: set ${alternatives.map((f) => waysToSet(f, sources.profile)).join("; or ")}`);
    const of = sources.profile !== undefined ? ` of profile "${sources.profile}"` : "";
    throw new MissingSettingsError(`missing OpenStack settings for ${method.replace("_", " ")} authentication${of}:\n${lines.join("\n")}`);
  }

  // Keystone needs a domain with a user or project name; openstack CLI users mostly rely on "Default".
  if (fields.userName && !fields.userId && !fields.userDomainName && !fields.userDomainId) {
    fields.userDomainName = "Default";
    origins.userDomainName = "default";
  }
  if (fields.projectName && !fields.projectId && !fields.projectDomainName && !fields.projectDomainId) {
    if (fields.userDomainId) {
      fields.projectDomainId = fields.userDomainId;
      origins.projectDomainId = "the user's domain";
    } else {
      fields.projectDomainName = fields.userDomainName ?? "Default";
      origins.projectDomainName = fields.userDomainName ? "the user's domain" : "default";
    }
  }

  return {
    ...fields,
    authUrl: fields.authUrl as string,
    api: fields.api ?? "csbs",
    insecure: fields.insecure ?? false,
    authMethod: method,
    origins,
    ...(sources.profile !== undefined ? { profile: sources.profile } : {}),
  };
}
