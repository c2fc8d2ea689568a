/** `pulumi-csbs status`: which policy protects each server, its last backup and age, the next run. */
import type { ConnectionOptions } from "../../connection";
import { getServerProtection } from "../../get-server-protection";
import { humanDuration, table, type Terminal } from "../terminal";

export interface StatusFlags {
  policy?: string;
  json?: boolean;
}

export async function statusCommand(term: Terminal, options: ConnectionOptions, flags: StatusFlags): Promise<number> {
  let rows = await getServerProtection({}, options);
  if (flags.policy) rows = rows.filter((r) => r.policyName === flags.policy || r.policyId === flags.policy);
  if (flags.json) {
    term.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  const now = Date.now();
  const c = term.colors;
  const lines = table([
    ["SERVER", "STATE", "POLICY", "LAST BACKUP", "AGE", "STATUS", "NEXT RUN"],
    ...rows.map((r) => [
      r.serverName,
      r.status,
      r.policyName ? `${r.policyName}${r.policyEnabled ? "" : " (disabled)"}` : "-",
      r.lastBackupAt ?? "-",
      r.lastBackupAt ? humanDuration(now - Date.parse(r.lastBackupAt)) : "-",
      r.lastBackupStatus ?? "-",
      r.nextRunAt ?? "-",
    ]),
  ]);
  term.out(c.bold(lines[0]));
  for (const [i, line] of lines.slice(1).entries()) {
    const row = rows[i];
    term.out(row.lastBackupStatus === "error" ? c.red(line) : row.policyId ? line : c.yellow(line));
  }
  return 0;
}
