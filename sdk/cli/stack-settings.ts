/**
 * Where the command's settings come from. `--stack NAME` reads that stack's configuration through the Pulumi CLI
 * (`pulumi config --json --show-secrets`) in the current directory, so the stack's own passphrase or secrets provider
 * decrypts it; `--profile NAME` alone reads the current stack's (the one `pulumi stack select` chose). Only the keys
 * the provider reads are kept (`csbs:*`, profiles included, and @pulumi/openstack's `openstack:*`), and they are
 * resolved by the provider's own code (`connectionSettings`), so the command and `pulumi up` agree on every value.
 */
import { execFile } from "node:child_process";
import { OPENSTACK_NAMESPACE } from "../../provider/config/openstack-config-source";
import { CONFIG_NAMESPACE } from "../../provider/config/stack-config-source";
import { profileSettingsNote } from "../../provider/hooks/profile-failures";
import { connectionSettings, type ConnectionOptions } from "../connection";

/** Where the command's settings come from. */
export interface SettingsFlags {
  stack?: string;
  cloud?: string;
  /** A profile of the stack config (`csbs:profiles.<profile>.*`); without `stack`, of the current stack. */
  profile?: string;
}

/** The config namespaces the provider reads. */
const NAMESPACES = [CONFIG_NAMESPACE, OPENSTACK_NAMESPACE].map((n) => `${n}:`);

/** How the failing read is named in errors: the flag that asked for it. */
function readerLabel(flags: SettingsFlags): { what: string; command: string } {
  if (flags.stack !== undefined) return { what: `--stack ${flags.stack}`, command: `pulumi config --stack ${flags.stack}` };
  return { what: `--profile ${flags.profile ?? ""} (the current stack's config)`, command: "pulumi config" };
}

function pulumiConfig(flags: SettingsFlags): Promise<Record<string, { value?: unknown }>> {
  const pulumi = "pulumi";
  const { what, command } = readerLabel(flags);
  const args = ["config", "--json", "--show-secrets", ...(flags.stack !== undefined ? ["--stack", flags.stack] : [])];
  const fix = flags.stack !== undefined ? "" : " with a stack selected (`pulumi stack select`) or named with --stack";
  return new Promise((resolve, reject) => {
    execFile(pulumi, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        // stderr names the problem (no such stack, wrong passphrase); it never holds config values.
        reject(new Error(`${what}: \`${command}\` failed: ${String(stderr).trim() || error.message}; run the command in the Pulumi project's directory${fix}, with the stack's passphrase or secrets provider available`));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as Record<string, { value?: unknown }>);
      } catch {
        reject(new Error(`${what}: pulumi config --json printed no JSON; check the Pulumi CLI version`));
      }
    });
  });
}

/** The connection options of the flags: the stack's config (and profile), or OS_* / clouds.yaml (with --cloud). */
export async function connectionOptions(flags: SettingsFlags): Promise<ConnectionOptions> {
  const options: ConnectionOptions = {
    ...(flags.cloud ? { cloud: flags.cloud } : {}),
    ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
  };
  if (flags.stack === undefined && flags.profile === undefined) return { ...options, config: {} };
  const raw = await pulumiConfig(flags);
  const config: Record<string, string> = {};
  for (const [key, entry] of Object.entries(raw)) {
    // An object (`csbs:profiles`) arrives as its JSON text, as the provider reads it from the engine.
    if (NAMESPACES.some((n) => key.startsWith(n)) && entry.value !== undefined) config[key] = typeof entry.value === "string" ? entry.value : JSON.stringify(entry.value);
  }
  return { ...options, config };
}

/**
 * What the provider adds to a failure of a profile's connection (a refused password, an unreachable endpoint):
 * the profile's settings and where each came from, secrets as `[secret]`. Empty without a profile, and when the
 * settings themselves do not resolve (that error already names the profile and the keys).
 */
export function profileSourcesNote(options: ConnectionOptions): string {
  if (options.profile === undefined) return "";
  try {
    return profileSettingsNote(connectionSettings(options));
  } catch {
    return "";
  }
}
