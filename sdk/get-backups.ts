/** `getBackups`: the project's backups (every page), filtered, newest first, as plain data. */
import * as pulumi from "@pulumi/pulumi";
import type { BackupKind, BackupRecord } from "../provider/backends/backup-record";
import { connect, type Connection, type ConnectionOptions } from "./connection";
import { OperationError } from "./operation-error";

export type { BackupKind, BackupRecord as BackupInfo, VolumeBackupRecord as VolumeBackupInfo } from "../provider/backends/backup-record";

/** Which backups; every filter is optional and they combine. */
export interface GetBackupsArgs {
  /** Backups of this server. @default every server */
  serverId?: string;
  /** Backups made by this policy. @default any policy, and one-off backups */
  policyId?: string;
  /** protecting, available, error, deleting or restoring. @default any status */
  status?: string;
  /** Backups created at or after this instant (ISO-8601 text or a Date). @default no lower bound */
  since?: string | Date;
  /** Scheduled (`automatic`) or executed by hand / one-off (`manual`). @default both */
  kind?: BackupKind;
  /** Backups asked for per page; every page is read whatever it is. @default the service's (1000) */
  pageSize?: number;
}

/** `since` as an instant, or a failure naming the value. */
function sinceFilter(since: string | Date | undefined): Date | undefined {
  if (since === undefined) return undefined;
  const at = since instanceof Date ? since : new Date(since);
  if (Number.isNaN(at.getTime())) {
    throw new OperationError("operation-failed", `getBackups: since is ${JSON.stringify(String(since))}, which is not an instant; give ISO-8601 text such as "2030-01-07T02:00:00Z" or a Date`);
  }
  return at;
}

/**
 * The backups matching `args` on an open connection (used by the other lookups too): CSBS checkpoint items, or
 * on Karbor one record per server of each checkpoint (docs/csbs-api-notes.md E #12).
 */
export async function listBackups(connection: Connection, args: GetBackupsArgs = {}): Promise<BackupRecord[]> {
  return connection.backups.listBackups({
    serverId: args.serverId,
    policyId: args.policyId,
    status: args.status,
    since: sinceFilter(args.since),
    kind: args.kind,
    pageSize: args.pageSize,
  });
}

/** Every backup of the project that matches the filters, newest first. */
export async function getBackups(args: GetBackupsArgs = {}, options: ConnectionOptions = {}): Promise<BackupRecord[]> {
  return listBackups(connect(options), args);
}

/** {@link GetBackupsArgs} whose values may be Pulumi outputs. */
export interface GetBackupsOutputArgs {
  /** @default every server */
  serverId?: pulumi.Input<string>;
  /** @default any policy, and one-off backups */
  policyId?: pulumi.Input<string>;
  /** @default any status */
  status?: pulumi.Input<string>;
  /** @default no lower bound */
  since?: pulumi.Input<string>;
  /** @default both */
  kind?: pulumi.Input<BackupKind>;
  /** @default the service's (1000) */
  pageSize?: pulumi.Input<number>;
}

/** {@link getBackups} for inputs that are outputs of other resources (e.g. `{ serverId: server.id }`). */
export function getBackupsOutput(args: GetBackupsOutputArgs = {}, options: ConnectionOptions = {}): pulumi.Output<BackupRecord[]> {
  return pulumi.output(args).apply((a) => getBackups(a as GetBackupsArgs, options));
}
