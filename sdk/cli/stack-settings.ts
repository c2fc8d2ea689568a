/**
 * `--stack NAME`: the stack's `csbs:*` configuration, read through the Pulumi CLI (`pulumi config --json
 * --show-secrets`) in the current directory, so the stack's own passphrase or secrets provider decrypts it.
 */
import { execFile } from "node:child_process";
import type { ConnectionOptions } from "../connection";

/** Where the command's settings come from. */
export interface SettingsFlags {
  stack?: string;
  cloud?: string;
}

function pulumiConfig(stack: string): Promise<Record<string, { value?: unknown }>> {
  const pulumi = "pulumi";
  return new Promise((resolve, reject) => {
    execFile(pulumi, ["config", "--json", "--show-secrets", "--stack", stack], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        // stderr names the problem (no such stack, wrong passphrase); it never holds config values.
        reject(new Error(`--stack ${stack}: \`pulumi config --stack ${stack}\` failed: ${String(stderr).trim() || error.message}; run the command in the Pulumi project's directory, with the stack's passphrase or secrets provider available`));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as Record<string, { value?: unknown }>);
      } catch {
        reject(new Error(`--stack ${stack}: pulumi config --json printed no JSON; check the Pulumi CLI version`));
      }
    });
  });
}

/** The connection options of the flags: the stack's config, or OS_* / clouds.yaml (with --cloud). */
export async function connectionOptions(flags: SettingsFlags): Promise<ConnectionOptions> {
  const options: ConnectionOptions = flags.cloud ? { cloud: flags.cloud } : {};
  if (!flags.stack) return { ...options, config: {} };
  const raw = await pulumiConfig(flags.stack);
  const config: Record<string, string> = {};
  for (const [key, entry] of Object.entries(raw)) {
    if (key.startsWith("csbs:") && entry.value !== undefined) config[key] = typeof entry.value === "string" ? entry.value : JSON.stringify(entry.value);
  }
  return { ...options, config };
}
