/**
 * Plain JSON shapes of the CSBS v1 API (Open Telekom Cloud / Huawei Cloud), as sent on the wire.
 * Types only: this is the one module the local cloud may share with the provider.
 * Numbers and booleans inside `operation_definition` arrive as strings on real clouds ("20", "False"),
 * so readers must accept both forms.
 */

/** The fixed provider id every CSBS v1 call uses. */
export const CSBS_PROVIDER_ID = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";

export type Scalar = string | number | boolean;

export interface CsbsResource {
  id: string;
  type: string; // "OS::Nova::Server"
  name: string;
  extra_info?: Record<string, unknown>;
}

export interface CsbsOperationDefinition {
  max_backups?: Scalar;
  retention_duration_days?: Scalar;
  permanent?: Scalar;
  plan_id?: string;
  provider_id?: string;
  day_backups?: Scalar;
  week_backups?: Scalar;
  month_backups?: Scalar;
  year_backups?: Scalar;
  timezone?: string;
}

export interface CsbsTrigger {
  id?: string;
  name?: string;
  type?: string; // "time"
  properties: { pattern: string; start_time?: string; format?: string };
}

export interface CsbsScheduledOperation {
  id?: string;
  name?: string;
  description?: string;
  enabled: Scalar;
  operation_type: string; // "backup"
  operation_definition: CsbsOperationDefinition;
  trigger: CsbsTrigger;
  trigger_id?: string;
}

export interface CsbsTag {
  key: string;
  value: string;
}

export interface CsbsPolicy {
  id: string;
  name: string;
  description?: string;
  created_at: string; // "2017-04-18T01:21:52.701973": no zone, microseconds
  project_id: string;
  provider_id: string;
  parameters: { common?: Record<string, unknown> };
  resources: CsbsResource[];
  scheduled_operations: CsbsScheduledOperation[];
  status: string; // "suspended" after create; tolerate creating/started/enabled/disabled
  tags?: CsbsTag[];
}

export interface CsbsPolicyCreateBody {
  policy: {
    name: string;
    description?: string;
    provider_id: string;
    parameters: { common?: Record<string, unknown> };
    resources: CsbsResource[];
    scheduled_operations: CsbsScheduledOperation[];
    tags?: CsbsTag[];
  };
}

export interface CsbsPolicyUpdateBody {
  policy: {
    name?: string;
    description?: string;
    resources?: CsbsResource[];
    scheduled_operations?: Array<Partial<CsbsScheduledOperation> & { id: string }>;
  };
}

export interface CsbsPolicyList {
  policies: CsbsPolicy[];
  policies_links?: Array<{ rel: string; href: string }>;
}

export interface CsbsErrorBody {
  error_code: string;
  error_msg: string;
}

export interface CsbsCheckpointItem {
  id: string;
  checkpoint_id: string;
  name: string;
  description?: string;
  resource_id: string;
  resource_type: string;
  status: string;
  created_at: string;
  updated_at?: string;
  policy_id?: string;
  tags?: CsbsTag[];
  extend_info?: Record<string, unknown>;
  backup_data?: Record<string, unknown>;
}

export interface CsbsPolicyBody {
  policy: CsbsPolicy;
}

export interface CsbsCheckpointItemList {
  checkpoint_items: CsbsCheckpointItem[];
  checkpoint_items_links?: Array<{ rel: string; href: string }>;
}

export interface CsbsCount {
  count: number;
}

/** One row of `GET /quotas`; `type` is e.g. "backups", "backup_capacity" and, on the local cloud, "policies". */
export interface CsbsQuotaResource {
  type: string;
  unit?: string;
  quota: number;
  used: number;
}

export interface CsbsQuotas {
  quotas: { resources: CsbsQuotaResource[] };
}

export interface CsbsTagList {
  tags: CsbsTag[];
}

/** `POST /csbs_backup_policy/{id}/tags/action`; a delete may leave `value` out. */
export interface CsbsTagActionBody {
  action: "create" | "delete";
  tags: Array<{ key: string; value?: string }>;
}
