/**
 * A backup of one server as the SDK reports it, whatever the dialect: numbers are numbers (the services send
 * some as strings and some as floats), instants are ISO-8601 UTC strings.
 */

/** One disk of a backup. */
export interface VolumeBackupRecord {
  id: string;
  sourceVolumeId: string;
  /** The size of the source disk in GB. */
  sizeGb: number;
  bootable: boolean;
}

/** How a backup came to be. */
export type BackupKind = "automatic" | "manual";

export interface BackupRecord {
  /** The backup (CSBS checkpoint item) id: the one restores and lookups use. */
  id: string;
  /** The run the backup belongs to (CSBS checkpoint); deletion goes through it. */
  checkpointId: string;
  name: string;
  description: string;
  serverId: string;
  serverName: string;
  /** The policy that made it; absent for a one-off backup. */
  policyId?: string;
  /** protecting, available, error, deleting, restoring. */
  status: string;
  kind: BackupKind;
  incremental: boolean;
  /** @default 0 when the service does not say */
  sizeMb: number;
  /** MB/s as the service reports it; absent when it does not. */
  averageSpeed?: number;
  spaceSavingRatio?: number;
  createdAt: string;
  /** When the backup finished, when the service says. */
  finishedAt?: string;
  /** The service's reason for an `error` backup. */
  failReason?: string;
  volumeBackups: VolumeBackupRecord[];
}
