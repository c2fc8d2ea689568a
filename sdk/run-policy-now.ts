/**
 * `runPolicyNow`: executes a policy at once (the console's "Backup Now") for all its servers or some, and
 * optionally waits until each backup is available or failed, reporting progress per server.
 */
import { backupFromCsbsItem } from "../provider/backends/csbs-backup-mapping";
import type { BackupRecord } from "../provider/backends/backup-record";
import { nextRunAfter } from "../provider/domain/next-run";
import { parsePattern } from "../provider/domain/pattern";
import { asUtcInstant } from "../provider/domain/coerce";
import { connect, type ConnectionOptions } from "./connection";
import { listBackups } from "./get-backups";
import { getPolicy, type PolicyInfo } from "./get-policy";
import { OperationError } from "./operation-error";
import { pollUntil, type WaitOptions } from "./polling";

/** The guide's recommended gap between a manual backup and a scheduled one. */
export const MANUAL_TO_SCHEDULED_GAP_MS = 3 * 3_600_000;

/** Progress of one server's backup. */
export interface BackupProgress {
  serverId: string;
  serverName: string;
  /** "waiting" while the backup is not yet listed, then the backup's status. */
  status: string;
  backupId?: string;
  failReason?: string;
}

export interface RunPolicyNowArgs extends WaitOptions {
  /** The policy's id or exact name. */
  policy: string;
  /** Back up only these servers of the policy. @default all of its servers */
  serverIds?: string[];
  /** Wait until every backup is available or failed. @default false */
  wait?: boolean;
  /** Called after each poll with every server's progress. @default none */
  onProgress?: (progress: BackupProgress[]) => void;
  /** Called with each warning before the run starts. @default none (they are in the result) */
  onWarning?: (warning: string) => void;
}

export interface RunPolicyNowResult {
  policy: PolicyInfo;
  /** The run (CSBS checkpoint) id. */
  checkpointId: string;
  /** Advice the caller should show, e.g. a scheduled run due within 3 hours that the manual job postpones. */
  warnings: string[];
  /** With `wait`: the finished backups (available or error). */
  backups: BackupRecord[];
}

async function findPolicy(policy: string, options: ConnectionOptions): Promise<PolicyInfo> {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(policy)) {
    try {
      return await getPolicy({ id: policy }, options);
    } catch (err) {
      if (!(err instanceof OperationError && err.rule === "policy-not-found")) throw err;
    }
  }
  return getPolicy({ name: policy }, options);
}

/** The warning about a scheduled run the manual job may postpone, if one is due within 3 hours. */
export function scheduledRunWarning(policy: PolicyInfo, now: Date): string | undefined {
  if (!policy.enabled) return undefined;
  const parsed = parsePattern(policy.pattern);
  if (!parsed.ok) return undefined;
  const anchor = asUtcInstant(policy.createdAt);
  const next = nextRunAfter(parsed.rules, now, anchor ? new Date(anchor) : now);
  if (!next || next.getTime() - now.getTime() > MANUAL_TO_SCHEDULED_GAP_MS) return undefined;
  const minutes = Math.round((next.getTime() - now.getTime()) / 60_000);
  return `policy ${policy.name} runs on schedule at ${next.toISOString()} (in ${minutes} min): a manual backup still running then postpones that run to the next cycle; the guide recommends at least 3 hours between a manual and a scheduled backup`;
}

/** Executes the policy now; refuses (rule `server-being-backed-up`) a server whose backup is running. */
export async function runPolicyNow(args: RunPolicyNowArgs, options: ConnectionOptions = {}): Promise<RunPolicyNowResult> {
  const connection = connect(options);
  const policy = await findPolicy(args.policy, options);
  const servers = args.serverIds && args.serverIds.length > 0 ? args.serverIds : policy.serverIds;
  const foreign = servers.filter((id) => !policy.serverIds.includes(id));
  if (foreign.length > 0) {
    throw new OperationError("operation-failed", `server ${foreign.join(", ")} is not in policy ${policy.name}; give servers of the policy (${policy.serverIds.join(", ") || "it has none"})`);
  }
  if (servers.length === 0) {
    throw new OperationError("operation-failed", `policy ${policy.name} has no server to back up: associate servers with it first`);
  }
  const running = (await listBackups(connection, { status: "protecting" })).filter((b) => servers.includes(b.serverId));
  if (running.length > 0) {
    const names = [...new Set(running.map((b) => `${b.serverName || b.serverId} (${b.serverId})`))];
    throw new OperationError("server-being-backed-up",
      `server ${names.join(", ")} is being backed up (backup ${running.map((b) => b.id).join(", ")}): a server that is being backed up cannot be backed up again by hand; wait for that backup (pulumi-csbs jobs) and run backup-now again`);
  }
  const warnings = [scheduledRunWarning(policy, new Date())].filter((w): w is string => w !== undefined);
  for (const w of warnings) args.onWarning?.(w);
  const checkpoint = await connection.operations.executePolicy(policy.id, args.serverIds && args.serverIds.length > 0 ? servers : undefined);
  const result: RunPolicyNowResult = { policy, checkpointId: checkpoint.id, warnings, backups: [] };
  if (!args.wait) return result;
  const names = new Map(checkpoint.protection_plan.resources.map((r) => [r.id, r.name]));
  result.backups = await pollUntil(`the backup run ${checkpoint.id} of policy ${policy.name}`, async () => {
    // Right after the run starts the service may not list its backups yet: those servers read "waiting".
    const backups = (await connection.csbs.listCheckpointItems({ checkpoint_id: checkpoint.id })).map(backupFromCsbsItem);
    const progress = servers.map((id): BackupProgress => {
      const b = backups.find((x) => x.serverId === id);
      return { serverId: id, serverName: b?.serverName || names.get(id) || id, status: b?.status ?? "waiting", backupId: b?.id, failReason: b?.failReason };
    });
    args.onProgress?.(progress);
    const done = progress.every((p) => p.status === "available" || p.status === "error");
    return done ? backups : undefined;
  }, args);
  return result;
}
