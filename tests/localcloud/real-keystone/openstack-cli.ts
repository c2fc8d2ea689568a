/** Runs Debian's real `openstack` CLI (python3-openstackclient) with explicit credentials and no OS_* leaking in. */
import { exec } from "../../support/engine";

export interface CliLogin {
  authUrl: string;
  user: string;
  password: string;
  project: string;
  /** @default "RegionOne" */
  region?: string;
}

/** `openstack <args> -f json` as the given user; returns the parsed JSON, throws with the CLI's output otherwise. */
export async function openstackJson<T>(login: CliLogin, args: string[]): Promise<T> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("OS_")) env[k] = v;
  const r = await exec(
    "/usr/bin/openstack",
    [
      "--os-auth-url", login.authUrl,
      "--os-identity-api-version", "3",
      "--os-username", login.user,
      "--os-user-domain-name", "Default",
      "--os-project-name", login.project,
      "--os-project-domain-name", "Default",
      "--os-region-name", login.region ?? "RegionOne",
      ...args,
      "-f", "json",
    ],
    { env: { ...env, OS_PASSWORD: login.password }, timeoutMs: 120_000 },
  );
  if (r.code !== 0) throw new Error(`openstack ${args.join(" ")} failed (exit ${r.code}):\n${r.output}`);
  return JSON.parse(r.stdout) as T;
}

export interface CatalogRow {
  Name: string;
  Type: string;
  Endpoints: Array<{ interface: string; url: string; region: string }>;
}

/** The public URLs in RegionOne of one catalog type, as the CLI printed them. */
export function publicUrls(rows: CatalogRow[], type: string): string[] {
  return rows
    .filter((r) => r.Type === type)
    .flatMap((r) => r.Endpoints)
    .filter((e) => e.interface === "public" && e.region === "RegionOne")
    .map((e) => e.url);
}
