/**
 * Settings from clouds.yaml (plus secure.yaml merged over it), found where openstacksdk looks:
 * `OS_CLIENT_CONFIG_FILE`, `./clouds.yaml`, `~/.config/openstack/clouds.yaml`, `/etc/openstack/clouds.yaml`
 * (the first file that exists is used, as openstacksdk does).
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { emptyLayer, setFirst, type SettingsLayer } from "./layer";

/** Where to look, overridable for tests. */
export interface CloudsYamlLocations {
  /** @default openstacksdk's list for clouds.yaml */
  cloudsYamlPaths?: readonly string[];
  /** @default openstacksdk's list for secure.yaml */
  secureYamlPaths?: readonly string[];
}

function standardPaths(env: NodeJS.ProcessEnv, base: string, override: string | undefined): string[] {
  const home = env.HOME ?? homedir();
  const names = [`${base}.yaml`, `${base}.yml`];
  const dirs = [process.cwd(), join(home, ".config", "openstack"), "/etc/openstack"];
  return [...(override ? [resolve(override)] : []), ...dirs.flatMap((d) => names.map((n) => join(d, n)))];
}

/** The clouds.yaml candidates, in search order. */
export function cloudsYamlCandidates(env: NodeJS.ProcessEnv, locations: CloudsYamlLocations = {}): string[] {
  return [...(locations.cloudsYamlPaths ?? standardPaths(env, "clouds", env.OS_CLIENT_CONFIG_FILE))];
}

/** The secure.yaml candidates, in search order. */
export function secureYamlCandidates(env: NodeJS.ProcessEnv, locations: CloudsYamlLocations = {}): string[] {
  return [...(locations.secureYamlPaths ?? standardPaths(env, "secure", env.OS_CLIENT_SECURE_FILE))];
}

type Yaml = Record<string, unknown>;

function isObject(v: unknown): v is Yaml {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function readYaml(path: string): Yaml {
  // Loaded on first use: most runs never read a clouds.yaml, and yaml is 72 modules for the provider process to load.
  const { parse } = require("yaml") as typeof import("yaml");
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, "utf8"));
  } catch (err) {
    // yaml's messages quote the offending line; a secure.yaml line may hold a password, so keep only the position.
    const pos = (err as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    throw new Error(`${path} is not valid YAML${pos ? ` (line ${pos.line}, column ${pos.col})` : ""}: fix the file or point OS_CLIENT_CONFIG_FILE elsewhere`);
  }
  return isObject(doc) ? doc : {};
}

function deepMerge(base: Yaml, over: Yaml): Yaml {
  const out: Yaml = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObject(v) && isObject(out[k]) ? deepMerge(out[k] as Yaml, v) : v;
  return out;
}

/**
 * The layer for cloud `cloud`. Throws when the cloud is named but no file or no such entry exists, listing
 * where it looked and which clouds it found.
 */
export function cloudsYamlLayer(cloud: string, cloudOrigin: string, env: NodeJS.ProcessEnv, locations: CloudsYamlLocations = {}): SettingsLayer {
  const candidates = cloudsYamlCandidates(env, locations);
  const file = candidates.find((p) => existsSync(p));
  if (!file) {
    throw new Error(`cloud "${cloud}" (from ${cloudOrigin}) needs a clouds.yaml, but none was found: looked in ${candidates.join(", ")}; create one there or set OS_CLIENT_CONFIG_FILE`);
  }
  const clouds = readYaml(file).clouds;
  const secureFile = secureYamlCandidates(env, locations).find((p) => existsSync(p));
  const secureClouds = secureFile ? readYaml(secureFile).clouds : undefined;
  const entry = isObject(clouds) ? clouds[cloud] : undefined;
  const secureEntry = isObject(secureClouds) ? secureClouds[cloud] : undefined;
  if (!isObject(entry) && !isObject(secureEntry)) {
    const known = isObject(clouds) ? Object.keys(clouds).sort().join(", ") : "";
    throw new Error(`cloud "${cloud}" (from ${cloudOrigin}) is not in ${file} (clouds there: ${known || "none"}): add it under "clouds:" or fix the name`);
  }
  const merged = deepMerge(isObject(entry) ? entry : {}, isObject(secureEntry) ? secureEntry : {});
  const auth = isObject(merged.auth) ? merged.auth : {};
  const where = `clouds.yaml (${file}${secureFile && isObject(secureEntry) ? ` + ${secureFile}` : ""}) cloud "${cloud}"`;
  const layer = emptyLayer("clouds.yaml");
  const at = (key: string): [string, unknown] => [`${where} ${key}`, key.startsWith("auth.") ? auth[key.slice(5)] : merged[key]];

  setFirst(layer, "authUrl", [at("auth.auth_url")]);
  setFirst(layer, "region", [at("region_name")]);
  setFirst(layer, "authType", [at("auth_type")]);
  setFirst(layer, "userName", [at("auth.username"), at("auth.user_name")]);
  setFirst(layer, "userId", [at("auth.user_id")]);
  setFirst(layer, "userDomainName", [at("auth.user_domain_name"), at("auth.domain_name")]);
  setFirst(layer, "userDomainId", [at("auth.user_domain_id"), at("auth.domain_id")]);
  setFirst(layer, "password", [at("auth.password")]);
  setFirst(layer, "applicationCredentialId", [at("auth.application_credential_id")]);
  setFirst(layer, "applicationCredentialName", [at("auth.application_credential_name")]);
  setFirst(layer, "applicationCredentialSecret", [at("auth.application_credential_secret")]);
  setFirst(layer, "token", [at("auth.token")]);
  setFirst(layer, "projectId", [at("auth.project_id"), at("auth.tenant_id")]);
  setFirst(layer, "projectName", [at("auth.project_name"), at("auth.tenant_name")]);
  setFirst(layer, "projectDomainName", [at("auth.project_domain_name"), at("auth.domain_name")]);
  setFirst(layer, "projectDomainId", [at("auth.project_domain_id"), at("auth.domain_id")]);
  setFirst(layer, "cacert", [at("cacert")]);
  setFirst(layer, "interface", [at("interface")]);
  setFirst(layer, "endpoint", [at("data_protect_endpoint_override"), at("csbs_endpoint_override")]);
  // `verify: false` turns verification off; `verify: <path>` names a CA bundle (requests' convention).
  if (merged.verify === false || merged.verify === "false" || merged.verify === "False") setFirst(layer, "insecure", [[`${where} verify`, "true"]]);
  else if (typeof merged.verify === "string" && merged.verify !== "true" && merged.verify !== "True") setFirst(layer, "cacert", [[`${where} verify`, merged.verify]]);
  setFirst(layer, "insecure", [at("insecure")]);
  return layer;
}
