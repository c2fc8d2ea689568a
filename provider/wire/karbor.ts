/**
 * Plain JSON shapes of the upstream OpenStack Karbor v1 API (docs/csbs-api-notes.md section A), as sent on the wire.
 * Types and constants only: this is the one module the local cloud may share with the provider.
 * Every success is 200 (create and delete included); trigger properties come back as strings.
 */

/** The OS Infra Provider of Karbor's default `etc/providers.d`. */
export const KARBOR_OS_INFRA_PROVIDER_ID = "cf56bd3e-97a7-4078-b6d5-f36246333fd9";

/** Resource type of a Nova server inside a plan. */
export const KARBOR_SERVER_TYPE = "OS::Nova::Server";

/** Resource type of a Keystone project inside a plan. */
export const KARBOR_PROJECT_TYPE = "OS::Keystone::Project";

export interface KarborResource {
  id: string;
  type: string;
  name: string;
  extra_info?: Record<string, unknown>;
}

export interface KarborPlan {
  id: string;
  name: string;
  description: string | null;
  resources: KarborResource[];
  provider_id: string;
  /** `suspended` (after create) or `started`; only a suspended plan can be updated. */
  status: string;
  parameters: Record<string, unknown>;
}

export interface KarborPlanCreateBody {
  plan: {
    name: string;
    description?: string | null;
    provider_id: string;
    parameters: Record<string, unknown>;
    resources: KarborResource[];
  };
}

export interface KarborPlanUpdateBody {
  plan: { name?: string; description?: string | null; status?: string; resources?: KarborResource[] };
}

export interface KarborPlanBody {
  plan: KarborPlan;
}

export interface KarborLink {
  rel: string;
  href: string;
}

export interface KarborPlanList {
  plans: KarborPlan[];
  plans_links?: KarborLink[];
}

/** Trigger properties; the server returns every value as a string. */
export interface KarborTriggerProperties {
  /** Stored and echoed; the server's configured time format decides how `pattern` is read. */
  format?: string;
  pattern: string;
  /** `YYYY-MM-DD HH:MM:SS` (UTC). Required in every update that carries properties. */
  start_time?: string;
  end_time?: string;
  /** Seconds, 900..1800. */
  window?: string | number;
}

export interface KarborTrigger {
  id: string;
  name: string;
  type: string;
  properties: KarborTriggerProperties;
}

export interface KarborTriggerBody {
  trigger_info: KarborTrigger;
}

export interface KarborTriggerCreateBody {
  trigger_info: { name: string; type: "time"; properties: KarborTriggerProperties };
}

export interface KarborTriggerUpdateBody {
  trigger_info: { name?: string; properties?: KarborTriggerProperties };
}

export interface KarborTriggerList {
  triggers: KarborTrigger[];
  triggers_links?: KarborLink[];
}

/** `operation_definition`: plan and provider, plus `max_backups`/`retention_duration` for retention_protect. */
export interface KarborOperationDefinition {
  plan_id: string;
  provider_id: string;
  max_backups?: string | number;
  /** Days; ≤ 0 = unlimited. */
  retention_duration?: string | number;
  [key: string]: unknown;
}

export interface KarborScheduledOperation {
  id: string;
  name: string;
  description: string | null;
  operation_type: "protect" | "retention_protect" | string;
  trigger_id: string;
  operation_definition: KarborOperationDefinition;
  enabled: boolean | number;
}

export interface KarborScheduledOperationCreateBody {
  scheduled_operation: {
    name: string;
    description?: string;
    operation_type: "protect" | "retention_protect";
    trigger_id: string;
    operation_definition: KarborOperationDefinition;
  };
}

export interface KarborScheduledOperationBody {
  scheduled_operation: KarborScheduledOperation;
}

export interface KarborScheduledOperationList {
  operations: KarborScheduledOperation[];
  operations_links?: KarborLink[];
}

export interface KarborProvider {
  id: string;
  name: string;
  description: string;
  extended_info_schema: {
    options_schema: Record<string, unknown>;
    saved_info_schema: Record<string, unknown>;
    restore_schema: Record<string, unknown>;
  };
}

export interface KarborProviderList {
  providers: KarborProvider[];
}

export interface KarborCheckpoint {
  id: string;
  project_id: string;
  status: string;
  protection_plan: { id: string; name: string; resources: KarborResource[]; provider_id?: string };
  resource_graph: string | null;
  /** `YYYY-MM-DD` on show/list, null in the create reply. */
  created_at: string | null;
  /** A JSON text, e.g. `{"created_by": "manual"}`. */
  extra_info: string;
}

export interface KarborCheckpointList {
  checkpoints: KarborCheckpoint[];
  checkpoints_links?: KarborLink[];
}

export interface KarborQuota {
  id: string;
  plans: number;
  checkpoints: number;
}

export interface KarborQuotaBody {
  quota: KarborQuota;
}

export interface KarborQuotaDetail {
  id: string;
  plans: { limit: number; in_use: number; reserved: number };
  checkpoints: { limit: number; in_use: number; reserved: number };
}

export interface KarborProtectableInstance {
  id: string;
  type: string;
  name: string;
  extra_info?: Record<string, unknown> | null;
  dependent_resources: Array<{ id: string; type: string; name: string; extra_info?: Record<string, unknown> | null }>;
}

export interface KarborRestore {
  id: string;
  project_id: string;
  provider_id: string;
  checkpoint_id: string;
  restore_target: string | null;
  parameters: Record<string, unknown>;
  status: "in_progress" | "success" | "fail";
  resources_status: Record<string, string>;
  resources_reason: Record<string, string>;
}

export interface KarborOperationLog {
  id: string;
  project_id: string;
  operation_type: string;
  checkpoint_id: string | null;
  plan_id: string | null;
  provider_id: string | null;
  restore_id: string | null;
  scheduled_operation_id: string | null;
  status: string;
  started_at: string;
  ended_at: string | null;
  error_info: string | null;
  extra_info: string | null;
}
