/**
 * A credential in plain stack config (`pulumi config set csbs:password …` without `--secret`) is stored in plain
 * text in the state: the engine keeps the whole stack config as the inputs of the default provider. Only the
 * program knows which config values are secret, so the SDK refuses such a setting before anything is sent,
 * naming it and the command that stores it encrypted.
 */
import * as pulumi from "@pulumi/pulumi";
import { SECRET_FIELDS } from "../provider/config/settings";

/** `runtime.isConfigSecret` is in @pulumi/pulumi (pinned) but marked internal, so not in its typings. */
const isConfigSecret = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;

let checked: string[] | undefined;

/** The plain-text credential settings of the stack, each reported once per program run as an error. */
export function plainCredentialSettings(): string[] {
  if (checked) return checked;
  if (!isConfigSecret) return (checked = []);
  checked = [...SECRET_FIELDS]
    .map((field) => `csbs:${field}`)
    .filter((key) => pulumi.runtime.getConfig(key) !== undefined && !isConfigSecret(key));
  for (const key of checked) {
    void pulumi.log.error(
      `${key} is set in plain stack config, so the state would hold it in plain text: store it encrypted with ` +
        `\`pulumi config set --secret ${key}\` (or use OS_* variables or clouds.yaml, which never reach the state)`,
    );
  }
  return checked;
}
