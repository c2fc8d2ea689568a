/**
 * Plain JSON shapes of the CSBS v1 operations that are not declarations: executing a policy now, restoring a
 * server, the restorability check and the operation logs (jobs). Types only.
 */

/** `POST /providers/{provider_id}/checkpoints`. */
export interface CsbsExecuteBody {
  checkpoint: { plan_id: string; parameters: { auto_trigger?: boolean; resources?: string[] } };
}

/** A checkpoint (one run: the backups of the servers it covered). `extra_info` is a JSON string or null. */
export interface CsbsCheckpoint {
  id: string;
  project_id: string;
  status: string;
  protection_plan: { id: string; name: string; resources: Array<{ id: string; type: string; name: string }> };
  created_at: string;
  extra_info: string | null;
}

export interface CsbsCheckpointBody {
  checkpoint: CsbsCheckpoint;
}

/** One disk of a restore: which disk backup goes to which disk of the target server. */
export interface CsbsRestoreVolume {
  backup_id: string;
  volume_id: string;
}

/** `POST /restores`. */
export interface CsbsRestoreBody {
  restore: {
    provider_id: string;
    checkpoint_id: string;
    restore_target?: string | null;
    parameters: {
      checkpoint_item_id: string;
      power_on: boolean;
      targets: { server_id: string; volumes: CsbsRestoreVolume[] };
    };
  };
}

export interface CsbsRestore {
  id: string;
  project_id: string;
  provider_id: string;
  checkpoint_id: string;
  restore_target: string | null;
  parameters: Record<string, unknown>;
  status: string; // in_progress, success, fail
  resources_status?: Record<string, string>;
  resources_reason?: Record<string, string>;
}

export interface CsbsRestoreResponse {
  restore: CsbsRestore;
}

/** `POST /providers/{provider_id}/resources/action` with `check_restorable`. */
export interface CsbsCheckRestorableBody {
  check_restorable: Array<{
    checkpoint_item_id: string;
    target: { resource_id: string; resource_type: string; volumes: CsbsRestoreVolume[] };
  }>;
}

export interface CsbsRestorableAnswer {
  restorable: Array<{ checkpoint_item_id: string; resource_id: string; result: boolean; error_code?: string; error_msg?: string }>;
}

/** One job as the Karbor-style operation log records it; `error_info` is a JSON string `{code, message}` or null. */
export interface CsbsOperationLog {
  id: string;
  project_id?: string;
  operation_type: string; // protect, delete, restore
  checkpoint_id: string | null;
  plan_id: string | null;
  provider_id?: string;
  restore_id: string | null;
  scheduled_operation_id: string | null;
  status: string;
  started_at: string;
  ended_at: string | null;
  error_info: string | Record<string, unknown> | null;
  extra_info: Record<string, unknown> | null;
}

export interface CsbsOperationLogList {
  operation_logs: CsbsOperationLog[];
  operation_logs_links?: Array<{ rel: string; href: string }>;
}

/** `POST /providers/{provider_id}/resources/{server_id}/action`: a one-off backup of one server. */
export interface CsbsProtectBody {
  protect: { backup_name?: string; description?: string; incremental?: boolean; resource_type?: string; tags?: Array<{ key: string; value: string }> };
}

/** `POST /providers/{provider_id}/resources/action` with `check_protectable`. */
export interface CsbsCheckProtectableBody {
  check_protectable: Array<{ resource_id: string; resource_type: string }>;
}

export interface CsbsProtectableAnswer {
  protectable: Array<{ resource_id: string; resource_type?: string; result: boolean; error_code?: string; error_msg?: string }>;
}
