/** `pulumi-csbs jobs`: the backup, delete and restore jobs and their errors, newest first. */
import type { ConnectionOptions } from "../../connection";
import { getJobs } from "../../get-jobs";
import { OperationError } from "../../operation-error";
import { parseDuration, table, type Terminal } from "../terminal";

export interface JobsFlags {
  failed?: boolean;
  since?: string;
  json?: boolean;
}

export async function jobsCommand(term: Terminal, options: ConnectionOptions, flags: JobsFlags): Promise<number> {
  let since: Date | undefined;
  if (flags.since !== undefined) {
    const ms = parseDuration(flags.since);
    if (ms === undefined) throw new OperationError("operation-failed", `--since ${flags.since}: give a duration such as 90m, 24h or 7d`);
    since = new Date(Date.now() - ms);
  }
  const jobs = await getJobs({ status: flags.failed ? "failed" : undefined, since }, options);
  if (flags.json) {
    term.out(JSON.stringify(jobs, null, 2));
    return 0;
  }
  if (jobs.length === 0) {
    term.out(flags.failed ? "no failed jobs" : "no jobs");
    return 0;
  }
  const c = term.colors;
  const lines = table([
    ["JOB", "STATE", "STARTED", "ENDED", "SERVERS", "REASON"],
    ...jobs.map((j) => [j.type, j.state, j.startedAt, j.endedAt ?? "-", j.serverIds.join(",") || "-", j.reason ? `${j.errorCode ? `${j.errorCode}: ` : ""}${j.reason}` : ""]),
  ]);
  term.out(c.bold(lines[0]));
  for (const [i, line] of lines.slice(1).entries()) term.out(jobs[i].state === "failed" ? c.red(line) : line);
  return 0;
}
