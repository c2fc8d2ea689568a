/**
 * `pulumi-csbs restore <backup>`: preflight (the guide's rules and the service's check), the plan, a
 * confirmation unless --yes (the restore overwrites the server's data, cannot be undone, and shuts the server
 * down), then progress until the restore has ended.
 */
import { createInterface } from "node:readline/promises";
import type { ConnectionOptions } from "../../connection";
import { OperationError } from "../../operation-error";
import type { WaitOptions } from "../../polling";
import { planRestore, startRestore, type RestorePlan } from "../../restore-server";
import { showProgress } from "../progress";
import type { Terminal } from "../terminal";

export interface RestoreFlags extends WaitOptions {
  server?: string;
  powerOn: boolean;
  disk?: string[];
  yes?: boolean;
}

function diskMapping(pairs: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const m = /^([^=\s]+)=([^=\s]+)$/.exec(pair);
    if (!m) throw new OperationError("disk-mapping-invalid", `--disk ${pair}: give SRC=DST, the id of a disk of the backup and the id of a disk of the server`);
    out[m[1]] = m[2];
  }
  return out;
}

function describePlan(term: Terminal, plan: RestorePlan): void {
  term.out(`restore backup ${plan.backup.id} (${plan.backup.name}, ${plan.backup.createdAt}) of ${plan.backup.serverName || plan.backup.serverId}`);
  term.out(`  onto server ${plan.serverName} (${plan.serverId}), now ${plan.serverStatus}; ${plan.powerOn ? "started again afterwards" : "left SHUTOFF afterwards (--no-power-on)"}`);
  for (const d of plan.disks) term.out(`  disk ${d.sourceVolumeId} (${d.sourceSizeGb} GB) -> ${d.targetVolumeId} (${d.targetSizeGb} GB)`);
}

async function confirmed(term: Terminal): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(term.colors.yellow("The backup's data overwrites the server's disks; this cannot be undone, and the server is shut down during the restore. Type yes to go on: "));
    return answer.trim().toLowerCase() === "yes";
  } finally {
    rl.close();
  }
}

export async function restoreCommand(term: Terminal, options: ConnectionOptions, backupId: string, flags: RestoreFlags): Promise<number> {
  const plan = await planRestore({ backupId, serverId: flags.server, powerOn: flags.powerOn, diskMapping: diskMapping(flags.disk) }, options);
  describePlan(term, plan);
  if (!flags.yes) {
    if (!process.stdin.isTTY) {
      term.err("refusing to restore without confirmation: stdin is not a terminal, so nobody can answer; the restore overwrites the server's data and cannot be undone: add --yes to confirm");
      return 1;
    }
    if (!(await confirmed(term))) {
      term.err("restore cancelled: nothing was sent");
      return 1;
    }
  }
  const result = await showProgress(term, (sink) => startRestore(plan, {
    timeoutMs: flags.timeoutMs, pollIntervalMs: flags.pollIntervalMs,
    onProgress: (p) => sink([{ key: plan.serverId, label: plan.serverName, status: `restore ${p.status}, server ${p.serverStatus}`, outcome: p.status === "success" ? "done" : p.status === "fail" ? "failed" : "running" }]),
  }, options));
  term.out(`restore ${result.restoreId} succeeded: server ${plan.serverName} is ${result.serverStatus}`);
  return 0;
}
