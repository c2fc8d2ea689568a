/**
 * Karbor's tables as its db API filters them (karbor/db/sqlalchemy/models.py and the `_process_*_filters` of
 * api.py): the columns (every model also has created_at, updated_at, deleted_at, deleted), which are matched
 * exactly and which by regular expression.
 */
import type { ModelRules } from "./db-query";

const TIMESTAMPS = ["created_at", "updated_at", "deleted_at", "deleted"] as const;

export const PLAN_MODEL: ModelRules = {
  columns: ["id", "name", "description", "provider_id", "project_id", "status", "parameters", ...TIMESTAMPS],
  exact: ["project_id", "status"],
  regex: ["name", "description"],
};

export const TRIGGER_MODEL: ModelRules = {
  columns: ["id", "name", "project_id", "type", "properties", ...TIMESTAMPS],
  exact: ["project_id", "type"],
  regex: ["name", "properties"],
};

export const OPERATION_MODEL: ModelRules = {
  columns: ["id", "name", "description", "operation_type", "user_id", "project_id", "trigger_id", "operation_definition", "enabled", ...TIMESTAMPS],
  exact: ["project_id", "operation_type", "trigger_id"],
  regex: ["name", "operation_definition"],
};

export const RESTORE_MODEL: ModelRules = {
  columns: ["id", "project_id", "provider_id", "checkpoint_id", "restore_target", "parameters", "status", "resources_status", "resources_reason", ...TIMESTAMPS],
  exact: [],
  regex: [],
  everyFilterExact: true,
};

export const OPERATION_LOG_MODEL: ModelRules = {
  columns: ["id", "project_id", "operation_type", "checkpoint_id", "plan_id", "provider_id", "restore_id", "scheduled_operation_id",
    "status", "started_at", "ended_at", "error_info", "extra_info", ...TIMESTAMPS],
  exact: [],
  regex: [],
  everyFilterExact: true,
};
