/**
 * The data-protection domain as stored (plain JSON, one record per Store entity). Dialect-neutral: the CSBS v1
 * routes and a later Karbor dialect (plans ≈ policies, checkpoints, items) both map these to their wire shapes.
 * Instants are ISO-8601 strings in UTC.
 */
import { collection } from "../../core/collection";
import type { Entity } from "../../core/contracts";
import type { LongTermRetention } from "./long-term";

/** How long automatic backups are kept; -1 = rule unset. */
export interface Retention {
  maxBackups: number;
  retentionDurationDays: number;
  permanent: boolean;
  /** CSBS only; stored but never echoed, as the real API does. Absent = no long-term rule. */
  longTerm?: LongTermRetention;
}

export interface PolicyServer {
  id: string;
  name: string;
}

export interface PolicyTag {
  key: string;
  value: string;
}

/** The one scheduled operation of a policy: when it runs and what it keeps. */
export interface PolicySchedule {
  operationId: string;
  operationName: string;
  operationDescription: string;
  triggerId: string;
  enabled: boolean;
  /** The iCalendar text exactly as the client sent it. */
  pattern: string;
  /** The trigger's start; DAILY intervals count days from its date. */
  startTime: string;
  /** Runs at or before this instant are not made (the pattern or `enabled` changed then). */
  activeSince: string;
  retention: Retention;
}

export interface PolicyRecord extends Entity {
  projectId: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  /** Until this instant the policy reads as `creating` (admin knob creatingSeconds). */
  creatingUntil?: string;
  /** The create fails in the service: the policy reads as `error` once `creating` is over (admin knob failPolicyNames). */
  createFails?: true;
  parameters: Record<string, unknown>;
  servers: PolicyServer[];
  schedule: PolicySchedule;
  tags: PolicyTag[];
}

export type ItemStatus = "protecting" | "available" | "error" | "deleting" | "restoring";

/** One run: a checkpoint groups the backups (items) of the servers it protected. */
export interface CheckpointRecord extends Entity {
  projectId: string;
  /** The real policy, absent for a one-off backup of a single server. */
  policyId?: string;
  /** The policy id, or `fake_<uuid>` for a one-off backup (as CSBS answers). */
  planId: string;
  planName: string;
  createdBy: "manual" | "operation-engine";
  createdAt: string;
  resources: PolicyServer[];
}

export interface VolumeBackup {
  id: string;
  volumeId: string;
  volumeName: string;
  sizeGb: number;
  bootable: boolean;
}

/** One backup of one server (a CSBS checkpoint_item). */
export interface BackupItem extends Entity {
  projectId: string;
  checkpointId: string;
  policyId?: string;
  resourceId: string;
  resourceName: string;
  az: string;
  name: string;
  description: string;
  status: ItemStatus;
  createdAt: string;
  updatedAt: string;
  automatic: boolean;
  incremental: boolean;
  sizeMb: number;
  volumes: VolumeBackup[];
  tags: PolicyTag[];
  /** The current transition completes at this clock instant or this real time (ms), whichever comes first. */
  dueAt?: string;
  dueRealMs?: number;
  /** The current protect run ends in `error` (admin knob failResourceIds). */
  willFail?: boolean;
  failReason?: string;
  restoreId?: string;
  /** Waiting for one of the project's delete slots (at most 5 deletions run at a time). */
  deleteQueued?: boolean;
  /** Listed by `GET /checkpoint_items` from this clock instant or real time (ms), whichever comes first. */
  listedAt?: string;
  listedRealMs?: number;
}

export interface RestoreRecord extends Entity {
  projectId: string;
  checkpointId: string;
  itemId: string;
  targetServerId: string;
  restoreTarget: string | null;
  parameters: Record<string, unknown>;
  status: "in_progress" | "success" | "fail";
  createdAt: string;
  /** Start the server when the restore ends (else it stays SHUTOFF). */
  powerOn?: boolean;
  /** Which disk backup went to which disk. */
  volumes?: Array<{ backupId: string; volumeId: string }>;
}

export interface OperationLog extends Entity {
  projectId: string;
  operationType: "protect" | "delete" | "restore";
  checkpointId: string | null;
  planId: string | null;
  restoreId: string | null;
  scheduledOperationId: string | null;
  status: string;
  startedAt: string;
  endedAt: string | null;
  errorInfo: { code: string; message: string } | null;
  extraInfo: Record<string, unknown>;
}

/** Admin knobs (POST /_localcloud/csbs/settings); durations in seconds. */
export interface CsbsSettings extends Entity {
  creatingSeconds: number;
  protectSeconds: number;
  deleteSeconds: number;
  restoreSeconds: number;
  /** Backups of these servers end in `error`. */
  failResourceIds: string[];
  /** Backups of these servers end in `error` with this reason (server id → the service's reason). */
  failReasons: Record<string, string>;
  /** Policies created with these names end in `error` instead of `suspended` once `creating` is over. */
  failPolicyNames: string[];
  /** A new backup stays out of `GET /checkpoint_items` this long after its create (as on real clouds). */
  listDelaySeconds: number;
}

/** How far the scheduler has run (one record, id `cursor`). */
export interface SchedulerCursor extends Entity {
  at: string;
}

export const COLLECTIONS = {
  policies: collection<PolicyRecord>("csbs.policies"),
  checkpoints: collection<CheckpointRecord>("csbs.checkpoints"),
  items: collection<BackupItem>("csbs.items"),
  oplogs: collection<OperationLog>("csbs.oplogs"),
  restores: collection<RestoreRecord>("csbs.restores"),
  settings: collection<CsbsSettings>("csbs.settings"),
  scheduler: collection<SchedulerCursor>("csbs.scheduler"),
} as const;
