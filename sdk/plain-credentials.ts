/**
 * A credential in plain stack config (`pulumi config set csbs:password …` without `--secret`) is stored in plain
 * text in the state: the engine keeps the whole stack config as the inputs of the default provider. Only the
 * program knows which config values are secret, so the SDK refuses such a setting before anything is sent,
 * naming it and the command that stores it encrypted. The same holds for a profile's credential
 * (`csbs:profiles.<name>.password`) and for @pulumi/openstack's keys, which this provider reads too. Pulumi keeps
 * `csbs:profiles` as one value, secret as a whole as soon as one of its settings was set with `--secret`.
 */
import * as pulumi from "@pulumi/pulumi";
import { PROFILES_KEY, readProfiles } from "../provider/config/profile-source";
import { SECRET_FIELDS } from "../provider/config/settings";

/** `runtime.isConfigSecret` is in @pulumi/pulumi (pinned) but marked internal, so not in its typings. */
const isConfigSecret = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;

/** @pulumi/openstack's keys that hold a credential. */
const OPENSTACK_SECRET_KEYS = ["openstack:password", "openstack:token", "openstack:applicationCredentialSecret"];

let checked: string[] | undefined;

/** A plain credential of one key: the key as a `--path` and the command that stores it encrypted. */
interface PlainCredential {
  key: string;
  command: string;
}

function plainProfileCredentials(isSecret: (key: string) => boolean): PlainCredential[] {
  if (pulumi.runtime.getConfig(PROFILES_KEY) === undefined || isSecret(PROFILES_KEY)) return [];
  let profiles: ReturnType<typeof readProfiles>;
  try {
    profiles = readProfiles((key) => pulumi.runtime.getConfig(key));
  } catch {
    // A malformed csbs:profiles is reported by the provider with its fix; nothing secret can be told apart here.
    return [];
  }
  const found: PlainCredential[] = [];
  for (const [name, values] of profiles) {
    for (const field of SECRET_FIELDS) {
      if (values[field] === undefined) continue;
      const key = `${PROFILES_KEY}.${name}.${field}`;
      found.push({ key, command: `pulumi config set --secret --path '${key}'` });
    }
  }
  return found;
}

/** The plain-text credential settings of the stack, each reported once per program run as an error. */
export function plainCredentialSettings(): string[] {
  if (checked) return checked;
  if (!isConfigSecret) return (checked = []);
  const isSecret = isConfigSecret;
  const plain: PlainCredential[] = [
    ...[...[...SECRET_FIELDS].map((field) => `csbs:${field}`), ...OPENSTACK_SECRET_KEYS]
      .filter((key) => pulumi.runtime.getConfig(key) !== undefined && !isSecret(key))
      .map((key) => ({ key, command: `pulumi config set --secret ${key}` })),
    ...plainProfileCredentials(isSecret),
  ];
  for (const { key, command } of plain) {
    void pulumi.log.error(
      `${key} is set in plain stack config, so the state would hold it in plain text: store it encrypted with ` +
        `\`${command}\` (or use OS_* variables or clouds.yaml, which never reach the state)`,
    );
  }
  return (checked = plain.map((p) => p.key));
}
