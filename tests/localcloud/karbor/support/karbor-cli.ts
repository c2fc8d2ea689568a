/** Runs Debian's real `karbor` CLI (python3-karborclient 2.1.0) as a local-cloud user and reads its tables. */
import { ensureDebianPackages } from "../../../support/debian";
import { exec, type EngineResult } from "../../../support/engine";

export interface CliUser {
  authUrl: string;
  user: string;
  password: string;
  project: string;
}

export async function ensureKarborCli(): Promise<void> {
  await ensureDebianPackages(["python3-karborclient"]);
}

/** `karbor <args>` with only this user's OS_* settings in the environment. */
export async function karbor(login: CliUser, args: string[]): Promise<EngineResult> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("OS_")) env[k] = v;
  return exec("/usr/bin/karbor", args, {
    env: {
      ...env,
      OS_AUTH_URL: login.authUrl, OS_IDENTITY_API_VERSION: "3", OS_USERNAME: login.user, OS_PASSWORD: login.password,
      OS_PROJECT_NAME: login.project, OS_USER_DOMAIN_NAME: "Default", OS_PROJECT_DOMAIN_NAME: "Default", OS_REGION_NAME: "RegionOne",
    },
    timeoutMs: 120_000,
  });
}

/** Like {@link karbor}, but a non-zero exit throws with the command's output. */
export async function karborOk(login: CliUser, args: string[]): Promise<string> {
  const r = await karbor(login, args);
  if (r.code !== 0) throw new Error(`karbor ${args.join(" ")} failed (exit ${r.code}):\n${r.output}`);
  return r.stdout;
}

function cells(line: string): string[] {
  return line.split("|").slice(1, -1).map((c) => c.trim());
}

/** The rows of a `print_list` table as objects keyed by the header; continuation lines are joined. */
export function table(text: string): Array<Record<string, string>> {
  const lines = text.split("\n").filter((l) => l.startsWith("|"));
  if (lines.length === 0) return [];
  const header = cells(lines[0]);
  const rows: Array<Record<string, string>> = [];
  for (const line of lines.slice(1)) {
    const c = cells(line);
    if (c[0] !== "" || rows.length === 0) {
      rows.push(Object.fromEntries(header.map((h, i) => [h, c[i] ?? ""])));
    } else {
      const last = rows[rows.length - 1];
      header.forEach((h, i) => (last[h] += c[i] ? `\n${c[i]}` : ""));
    }
  }
  return rows;
}

/** A `print_dict` table (Property | Value) as an object; multi-line values are joined with newlines. */
export function dict(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of table(text)) {
    const key = row.Property ?? row[Object.keys(row)[0]];
    out[key] = row.Value ?? row[Object.keys(row)[1]];
  }
  return out;
}
