/** `pulumi-csbs backup-now <policy>`: executes the policy now; with --wait, progress per server until done. */
import type { ConnectionOptions } from "../../connection";
import type { WaitOptions } from "../../polling";
import { runPolicyNow, type BackupProgress } from "../../run-policy-now";
import { showProgress, type ItemState } from "../progress";
import type { Terminal } from "../terminal";

export interface BackupNowFlags extends WaitOptions {
  server?: string[];
  wait?: boolean;
}

function state(p: BackupProgress): ItemState {
  const outcome = p.status === "available" ? "done" : p.status === "error" ? "failed" : "running";
  return { key: p.serverId, label: p.serverName, status: p.status, outcome, detail: p.failReason };
}

export async function backupNowCommand(term: Terminal, options: ConnectionOptions, policy: string, flags: BackupNowFlags): Promise<number> {
  const args = { policy, serverIds: flags.server, timeoutMs: flags.timeoutMs, pollIntervalMs: flags.pollIntervalMs, onWarning: (w: string) => term.err(`warning: ${w}`) };
  if (!flags.wait) {
    const result = await runPolicyNow(args, options);
    term.out(`started backup run ${result.checkpointId} of policy ${result.policy.name}; follow it with pulumi-csbs jobs`);
    return 0;
  }
  const result = await showProgress(term, (sink) => runPolicyNow({ ...args, wait: true, onProgress: (p) => sink(p.map(state)) }, options));
  const failed = result.backups.filter((b) => b.status === "error");
  for (const b of failed) term.err(`backup of ${b.serverName || b.serverId} failed: ${b.failReason ?? "no reason given"}`);
  term.out(`${result.backups.length - failed.length} of ${result.backups.length} backup(s) available (run ${result.checkpointId})`);
  return failed.length === 0 ? 0 : 1;
}
