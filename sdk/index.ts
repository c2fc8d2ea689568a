/**
 * pulumi-csbs: CSBS (and OpenStack Karbor) backup policies and their server associations as Pulumi resources.
 *
 * @example
 * import * as csbs from "pulumi-csbs";
 * const policy = new csbs.BackupPolicy("daily", {
 *   schedule: { times: ["02:00"], weekdays: ["MO", "TH"], timezone: "Europe/Paris" },
 *   retention: { maxBackups: 7 },
 * });
 * new csbs.PolicyAssociation("web", { policyId: policy.id, serverIds: [server.id] });
 */
export {
  BackupPolicy,
  BACKUP_POLICY_TYPE_TOKEN,
  type BackupPolicyArgs,
  type EveryNDaysScheduleArgs,
  type PolicyStatus,
  type LongTermRetentionArgs,
  type RetentionArgs,
  type RetentionOutput,
  type ScheduleArgs,
  type ScheduleOutput,
  type ScheduleTimes,
  type Weekday,
  type WeeklyScheduleArgs,
} from "./backup-policy";
export { PolicyAssociation, POLICY_ASSOCIATION_TYPE_TOKEN, type PolicyAssociationArgs, type ServerSelectorArgs } from "./policy-association";
export { ServerBackup, SERVER_BACKUP_TYPE_TOKEN, type ServerBackupArgs, type ServerBackupVolume } from "./server-backup";
export { spreadServers, type ProfileChunk, type SpreadByProfileOptions, type SpreadOverProfilesOptions, type SpreadServersOptions } from "./fleet";
export { renderScheduleGrid } from "./schedule-grid";
export { getPolicy, getPolicyOutput, type GetPolicyArgs, type GetPolicyOutputArgs, type PolicyInfo } from "./get-policy";
export {
  getBackups,
  getBackupsOutput,
  type BackupInfo,
  type BackupKind,
  type GetBackupsArgs,
  type GetBackupsOutputArgs,
  type VolumeBackupInfo,
} from "./get-backups";
export {
  getServerProtection,
  getServerProtectionOutput,
  type GetServerProtectionArgs,
  type GetServerProtectionOutputArgs,
  type ServerProtection,
} from "./get-server-protection";
export { OperationError, isOperationError, type OperationRule } from "./operation-error";
export type { ConnectionOptions } from "./connection";
export { runPolicyNow, type BackupProgress, type RunPolicyNowArgs, type RunPolicyNowResult } from "./run-policy-now";
export {
  planRestore,
  restoreServer,
  startRestore,
  type RestoreDisk,
  type RestorePlan,
  type RestoreProgress,
  type RestoreResult,
  type RestoreServerArgs,
} from "./restore-server";
export { getJobs, type GetJobsArgs, type JobInfo, type JobType } from "./get-jobs";
export type { WaitOptions } from "./polling";
