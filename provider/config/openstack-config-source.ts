/**
 * Settings from the stack config of @pulumi/openstack (`openstack:*`, the keys that package documents), so a
 * program that already configures it needs nothing more. Read after `csbs:*` and before `OS_*`. Keys that do not
 * apply to this provider (client certificates `cert`/`key`, `swauth`, `useOctavia`, `delayedAuth`,
 * `allowReauth`, `maxRetries`, `disableNoCacheHeader`, `enableLogging`, `systemScope`) are not read.
 */
import { emptyLayer, setFirst, type SettingsLayer } from "./layer";
import type { SettingsField } from "./settings";
import type { ConfigReader } from "./stack-config-source";

/** The config namespace of @pulumi/openstack. */
export const OPENSTACK_NAMESPACE = "openstack";

/**
 * Which `openstack:*` keys set which field, first listed wins. `domainName`/`domainId` and `defaultDomain` (an id)
 * are that package's fallbacks for the user's and the project's domain, so they come after the specific keys.
 */
export const OPENSTACK_KEYS: Readonly<Partial<Record<SettingsField, readonly string[]>>> = {
  cloud: ["cloud"],
  authUrl: ["authUrl"],
  region: ["region"],
  userName: ["userName"],
  userId: ["userId"],
  userDomainName: ["userDomainName", "domainName"],
  userDomainId: ["userDomainId", "domainId", "defaultDomain"],
  password: ["password"],
  applicationCredentialId: ["applicationCredentialId"],
  applicationCredentialName: ["applicationCredentialName"],
  applicationCredentialSecret: ["applicationCredentialSecret"],
  token: ["token"],
  projectId: ["tenantId"],
  projectName: ["tenantName"],
  projectDomainName: ["projectDomainName", "domainName"],
  projectDomainId: ["projectDomainId", "domainId", "defaultDomain"],
  cacert: ["cacertFile"],
  insecure: ["insecure"],
  interface: ["endpointType"],
};

/** The service types whose `endpointOverrides` entry is the data-protection endpoint. */
const DATA_PROTECT_OVERRIDES = ["data-protect", "csbs", "karbor"];

function overrideOf(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    const map = JSON.parse(raw) as unknown;
    if (map === null || typeof map !== "object") return undefined;
    for (const key of DATA_PROTECT_OVERRIDES) {
      const url = (map as Record<string, unknown>)[key];
      if (typeof url === "string" && url !== "") return url;
    }
  } catch {
    // Not ours to judge: @pulumi/openstack reports a malformed value itself.
  }
  return undefined;
}

/** The `openstack:*` layer. */
export function openstackConfigLayer(config: ConfigReader): SettingsLayer {
  const layer = emptyLayer("openstack stack config");
  for (const [field, keys] of Object.entries(OPENSTACK_KEYS) as Array<[SettingsField, readonly string[]]>) {
    setFirst(layer, field, keys.map((k) => [`stack config ${OPENSTACK_NAMESPACE}:${k}`, config(`${OPENSTACK_NAMESPACE}:${k}`)] as [string, unknown]));
  }
  const key = `${OPENSTACK_NAMESPACE}:endpointOverrides`;
  setFirst(layer, "endpoint", [[`stack config ${key}`, overrideOf(config(key))]]);
  return layer;
}
