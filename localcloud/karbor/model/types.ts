/**
 * How the Karbor dialect is stored, on the SAME data as CSBS (docs/csbs-api-notes.md section A over localcloud/csbs/model):
 *
 * - A plan IS a policy record in `csbs.policies` (name, description, servers = its `OS::Nova::Server`
 *   resources). What only Karbor has (provider, status, the full resource list with volumes or projects,
 *   parameters) lives in `karbor.plans` under the same id.
 * - Triggers (`karbor.triggers`) and scheduled operations (`karbor.operations`) are Karbor's own collections.
 *   After every write to either, `syncPlanSchedule` recomputes the policy's one `schedule` from the oldest
 *   operation that references the plan: its trigger's pattern and start, `enabled`, and the retention of a
 *   `retention_protect` definition. A plan without an operation has a disabled schedule, so the shared
 *   scheduler runs Karbor plans exactly like CSBS policies and never runs a plan nobody scheduled.
 * - Checkpoints are the shared checkpoints and backups (one backup per server); a checkpoint's status is
 *   derived from its backups. Quotas are per project in `karbor.quotas`.
 */
import { collection } from "../../core/collection";
import type { Entity } from "../../core/contracts";

export interface PlanResource {
  id: string;
  type: string;
  name: string;
  extra_info?: Record<string, unknown>;
}

/** The Karbor-only part of a plan; `id` is the policy id. */
export interface KarborPlanExtra extends Entity {
  projectId: string;
  providerId: string;
  status: string;
  /** As sent (Karbor keeps null); the policy record holds "" for null. */
  description: string | null;
  resources: PlanResource[];
  parameters: Record<string, unknown>;
}

export interface KarborTriggerRecord extends Entity {
  projectId: string;
  name: string;
  type: string;
  /** As Karbor stores them: every value a string. */
  properties: Record<string, string>;
  createdAt: string;
}

export interface KarborOperationRecord extends Entity {
  projectId: string;
  name: string;
  description: string | null;
  operationType: "protect" | "retention_protect";
  triggerId: string;
  definition: Record<string, unknown>;
  enabled: boolean;
  createdAt: string;
}

export interface KarborQuotaRecord extends Entity {
  plans: number;
  checkpoints: number;
}

/** One Karbor restore of a checkpoint: one shared restore per backup in it. */
export interface KarborRestoreRecord extends Entity {
  projectId: string;
  providerId: string;
  checkpointId: string;
  restoreTarget: string | null;
  parameters: Record<string, unknown>;
  restoreIds: string[];
  /** Set when the restore could not start. */
  failed?: string;
  createdAt: string;
}

export const KARBOR = {
  plans: collection<KarborPlanExtra>("karbor.plans"),
  triggers: collection<KarborTriggerRecord>("karbor.triggers"),
  operations: collection<KarborOperationRecord>("karbor.operations"),
  quotas: collection<KarborQuotaRecord>("karbor.quotas"),
  restores: collection<KarborRestoreRecord>("karbor.restores"),
} as const;
