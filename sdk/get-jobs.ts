/**
 * `getJobs`: the service's jobs (backup, delete and restore operations) and their errors, as the console's
 * job status page shows them, read from the operation logs (every page).
 */
import { asUtcInstant, isRecord } from "../provider/domain/coerce";
import type { CsbsOperationLog } from "../provider/wire/csbs-operations";
import { connect, type Connection, type ConnectionOptions } from "./connection";
import { OperationError } from "./operation-error";

export type JobType = "backup" | "delete" | "restore";

/** Which jobs; filters combine. */
export interface GetJobsArgs {
  /** `failed`, `running` or `succeeded`. @default every job */
  status?: "failed" | "running" | "succeeded";
  /** Jobs started at or after this instant (ISO-8601 or a Date). @default no lower bound */
  since?: string | Date;
  /** Jobs about this server. @default every server */
  serverId?: string;
  /** Jobs of this policy. @default every policy and one-off backups */
  policyId?: string;
}

/** One job. Instants are ISO-8601 UTC. */
export interface JobInfo {
  id: string;
  type: JobType;
  /** The service's word: protecting, available, error, deleting, deleted, in_progress, success, fail. */
  serviceStatus: string;
  state: "running" | "succeeded" | "failed";
  startedAt: string;
  endedAt?: string;
  /** The policy (CSBS plan id; a one-off backup's hidden plan starts with `fake_`). */
  policyId?: string;
  checkpointId?: string;
  restoreId?: string;
  /** The servers the job is about. */
  serverIds: string[];
  /** The service's reason for a failed job. */
  reason?: string;
  errorCode?: string;
}

const TYPES: Record<string, JobType> = { protect: "backup", delete: "delete", restore: "restore" };

function errorOf(raw: CsbsOperationLog["error_info"]): { code?: string; message?: string } {
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      return { message: raw };
    }
  }
  if (!isRecord(value)) return {};
  return { code: typeof value.code === "string" ? value.code : undefined, message: typeof value.message === "string" ? value.message : undefined };
}

function stateOf(log: CsbsOperationLog): JobInfo["state"] {
  if (log.status === "error" || log.status === "fail" || log.status === "error-deleting") return "failed";
  return log.ended_at ? "succeeded" : "running";
}

/** A job from its operation log. */
export function jobFromLog(log: CsbsOperationLog): JobInfo {
  const extra = isRecord(log.extra_info) ? log.extra_info : {};
  const servers = Array.isArray(extra.resources) ? extra.resources.filter((v): v is string => typeof v === "string")
    : typeof extra.target === "string" ? [extra.target] : [];
  const job: JobInfo = {
    id: log.id,
    type: TYPES[log.operation_type] ?? "backup",
    serviceStatus: log.status,
    state: stateOf(log),
    startedAt: asUtcInstant(log.started_at) ?? "",
    serverIds: servers,
  };
  const ended = asUtcInstant(log.ended_at);
  if (ended) job.endedAt = ended;
  if (log.plan_id) job.policyId = log.plan_id;
  if (log.checkpoint_id) job.checkpointId = log.checkpoint_id;
  if (log.restore_id) job.restoreId = log.restore_id;
  const error = errorOf(log.error_info);
  if (job.state === "failed") {
    if (error.message) job.reason = error.message;
    if (error.code) job.errorCode = error.code;
  }
  return job;
}

/** The jobs on an open connection, newest first. */
export async function listJobs(connection: Connection, args: GetJobsArgs = {}): Promise<JobInfo[]> {
  if (connection.settings.api === "karbor") {
    throw new OperationError("unsupported-dialect", "getJobs reads CSBS operation logs; with csbs:api = \"karbor\" it is not available in this version: set csbs:api to \"csbs\" for a CSBS cloud");
  }
  const since = args.since === undefined ? undefined : new Date(args.since);
  if (since && Number.isNaN(since.getTime())) {
    throw new OperationError("operation-failed", `getJobs: since is ${JSON.stringify(String(args.since))}, which is not an instant; give ISO-8601 text or a Date`);
  }
  const logs = await connection.operations.listOperationLogs({ plan_id: args.policyId });
  return logs.map(jobFromLog)
    .filter((j) => !args.status || (args.status === "failed" ? j.state === "failed" : args.status === "running" ? j.state === "running" : j.state === "succeeded"))
    .filter((j) => !since || Date.parse(j.startedAt) >= since.getTime())
    .filter((j) => !args.serverId || j.serverIds.includes(args.serverId))
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}

/** Every job matching the filters, newest first. */
export async function getJobs(args: GetJobsArgs = {}, options: ConnectionOptions = {}): Promise<JobInfo[]> {
  return listJobs(connect(options), args);
}
