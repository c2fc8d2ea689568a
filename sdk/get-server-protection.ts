/**
 * `getServerProtection`: for each server, which policy protects it, its newest backup and when the policy
 * runs next. Three listings whatever the number of servers: servers, policies, backups (every page of each).
 */
import * as pulumi from "@pulumi/pulumi";
import { asUtcInstant } from "../provider/domain/coerce";
import { nextRunAfter } from "../provider/domain/next-run";
import { parsePattern } from "../provider/domain/pattern";
import type { PolicyRecord } from "../provider/backends/policy-backend";
import type { BackupRecord } from "../provider/backends/backup-record";
import { connect, type ConnectionOptions } from "./connection";
import { listBackups } from "./get-backups";
import { OperationError } from "./operation-error";

export interface GetServerProtectionArgs {
  /** The servers to report on. @default every server of the project */
  serverIds?: string[];
  /** The instant `nextRunAt` is computed from. @default the current time */
  now?: Date;
}

/** How one server is protected. Instants are ISO-8601 UTC. */
export interface ServerProtection {
  serverId: string;
  serverName: string;
  /** Nova's status: ACTIVE, SHUTOFF, ERROR, ... */
  status: string;
  /** The policy the server belongs to; absent when none protects it. */
  policyId?: string;
  policyName?: string;
  policyEnabled?: boolean;
  /** When the server's newest backup (of any status) was created. */
  lastBackupAt?: string;
  /** That backup's status (available, error, protecting, ...). */
  lastBackupStatus?: string;
  /** That backup's id (what `restoreServer` and `pulumi-csbs restore` take). */
  lastBackupId?: string;
  /** The policy's next run, from its pattern; absent without an enabled policy. */
  nextRunAt?: string;
  /** How many scheduled backups of the server exist. */
  automaticBackups: number;
  /** How many backups executed by hand or one-off exist. */
  manualBackups: number;
}

function nextRun(policy: PolicyRecord, now: Date): string | undefined {
  if (!policy.enabled) return undefined;
  const parsed = parsePattern(policy.pattern);
  if (!parsed.ok) return undefined;
  const anchor = asUtcInstant(policy.createdAt);
  return nextRunAfter(parsed.rules, now, anchor ? new Date(anchor) : now)?.toISOString();
}

/** The protection of each server, in the order of `serverIds` (or Nova's order). */
export async function getServerProtection(args: GetServerProtectionArgs = {}, options: ConnectionOptions = {}): Promise<ServerProtection[]> {
  const connection = connect(options);
  const now = args.now ?? new Date();
  const [servers, policies, backups] = await Promise.all([
    connection.nova.listServersDetail(),
    connection.backend().then((b) => b.list()),
    listBackups(connection),
  ]);
  const byId = new Map(servers.map((s) => [s.id, s]));
  const wanted = args.serverIds ?? servers.map((s) => s.id);
  const missing = wanted.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw new OperationError("server-not-found", `getServerProtection: serverIds lists ${missing.map((id) => `"${id}"`).join(", ")}, which the project does not have; check the ids (openstack server list)`);
  }
  const backupsOf = new Map<string, BackupRecord[]>();
  for (const b of backups) backupsOf.set(b.serverId, [...(backupsOf.get(b.serverId) ?? []), b]);
  return wanted.map((id) => {
    const server = byId.get(id)!;
    const own = backupsOf.get(id) ?? [];
    const newest = own[0]; // listBackups sorts newest first
    const policy = policies.find((p) => p.serverIds.includes(id));
    const row: ServerProtection = {
      serverId: id,
      serverName: server.name,
      status: server.status,
      automaticBackups: own.filter((b) => b.kind === "automatic").length,
      manualBackups: own.filter((b) => b.kind === "manual").length,
    };
    if (policy) {
      row.policyId = policy.id;
      row.policyName = policy.name;
      row.policyEnabled = policy.enabled;
      const next = nextRun(policy, now);
      if (next) row.nextRunAt = next;
    }
    if (newest) {
      row.lastBackupAt = newest.createdAt;
      row.lastBackupStatus = newest.status;
      row.lastBackupId = newest.id;
    }
    return row;
  });
}

/** {@link GetServerProtectionArgs} whose values may be Pulumi outputs. */
export interface GetServerProtectionOutputArgs {
  /** @default every server of the project */
  serverIds?: pulumi.Input<pulumi.Input<string>[]>;
}

/** {@link getServerProtection} for server ids that are outputs of other resources. */
export function getServerProtectionOutput(args: GetServerProtectionOutputArgs = {}, options: ConnectionOptions = {}): pulumi.Output<ServerProtection[]> {
  return pulumi.output(args).apply((a) => getServerProtection({ serverIds: a.serverIds }, options));
}
