/** Settings from the standard OpenStack `OS_*` environment variables (as the openstack CLI reads them). */
import { emptyLayer, setFirst, type SettingsLayer } from "./layer";
import type { SettingsField } from "./settings";

/** Which variables set which field, first listed wins. */
export const ENV_VARIABLES: Readonly<Partial<Record<SettingsField, readonly string[]>>> = {
  cloud: ["OS_CLOUD"],
  authUrl: ["OS_AUTH_URL"],
  region: ["OS_REGION_NAME", "OS_REGION"],
  authType: ["OS_AUTH_TYPE"],
  userName: ["OS_USERNAME", "OS_USER_NAME"],
  userId: ["OS_USER_ID"],
  userDomainName: ["OS_USER_DOMAIN_NAME"],
  userDomainId: ["OS_USER_DOMAIN_ID"],
  password: ["OS_PASSWORD"],
  applicationCredentialId: ["OS_APPLICATION_CREDENTIAL_ID"],
  applicationCredentialName: ["OS_APPLICATION_CREDENTIAL_NAME"],
  applicationCredentialSecret: ["OS_APPLICATION_CREDENTIAL_SECRET"],
  token: ["OS_TOKEN", "OS_AUTH_TOKEN"],
  projectId: ["OS_PROJECT_ID", "OS_TENANT_ID"],
  projectName: ["OS_PROJECT_NAME", "OS_TENANT_NAME"],
  projectDomainName: ["OS_PROJECT_DOMAIN_NAME"],
  projectDomainId: ["OS_PROJECT_DOMAIN_ID"],
  cacert: ["OS_CACERT"],
  insecure: ["OS_INSECURE"],
  interface: ["OS_INTERFACE", "OS_ENDPOINT_TYPE"],
};

/** The environment layer. */
export function envLayer(env: NodeJS.ProcessEnv): SettingsLayer {
  const layer = emptyLayer("environment");
  for (const [field, names] of Object.entries(ENV_VARIABLES) as Array<[SettingsField, readonly string[]]>) {
    setFirst(layer, field, names.map((n) => [n, env[n]] as [string, unknown]));
  }
  return layer;
}
