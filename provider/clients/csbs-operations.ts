/** Typed calls to the CSBS v1 operations: execute a policy now, restore, check restorability, operation logs. */
import { CSBS_PROVIDER_ID, type CsbsCheckpointItem } from "../wire/csbs";
import type {
  CsbsCheckpoint,
  CsbsCheckpointBody,
  CsbsCheckProtectableBody,
  CsbsCheckRestorableBody,
  CsbsOperationLog,
  CsbsOperationLogList,
  CsbsProtectableAnswer,
  CsbsProtectBody,
  CsbsRestorableAnswer,
  CsbsRestore,
  CsbsRestoreBody,
  CsbsRestoreResponse,
  CsbsRestoreVolume,
} from "../wire/csbs-operations";
import { isApiError } from "./api-error";
import { collectPages } from "./pagination";
import type { Session } from "./session";

const PROVIDER = `/providers/${CSBS_PROVIDER_ID}`;
const SERVER = "OS::Nova::Server";

function unexpected(what: string): never {
  throw new Error(`CSBS answered ${what} without the expected JSON body: check that csbs:endpoint (or the catalog's data-protect URL) points at CSBS v1`);
}

/** Filters of `GET /operation_logs`. */
export interface OperationLogFilters {
  plan_id?: string;
  checkpoint_id?: string;
  restore_id?: string;
  status?: string;
  operation_type?: string;
}

/** The CSBS v1 operations client. */
export class CsbsOperationsClient {
  constructor(private readonly session: Session) {}

  /** Executes a policy now for all its servers or the listed ones. Never repeated on a lost answer. */
  async executePolicy(policyId: string, serverIds?: readonly string[]): Promise<CsbsCheckpoint> {
    const body = { checkpoint: { plan_id: policyId, parameters: { auto_trigger: false, ...(serverIds && serverIds.length > 0 ? { resources: [...serverIds] } : {}) } } };
    const res = await this.session.request<CsbsCheckpointBody>("data-protect", "POST", `${PROVIDER}/checkpoints`, { body });
    return res.body?.checkpoint ?? unexpected(`POST ${PROVIDER}/checkpoints`);
  }

  /** One backup by its id, or undefined when it is gone (404). */
  async getCheckpointItem(itemId: string): Promise<CsbsCheckpointItem | undefined> {
    try {
      const res = await this.session.request<{ checkpoint_item: CsbsCheckpointItem }>("data-protect", "GET", `/checkpoint_items/${encodeURIComponent(itemId)}`);
      return res.body?.checkpoint_item ?? unexpected(`GET /checkpoint_items/${itemId}`);
    } catch (err) {
      if (isApiError(err, 404)) return undefined;
      throw err;
    }
  }

  /** The service's own check that a server can be backed up (a read: safe to repeat). */
  async checkProtectable(serverId: string): Promise<CsbsProtectableAnswer["protectable"][number]> {
    const body: CsbsCheckProtectableBody = { check_protectable: [{ resource_id: serverId, resource_type: SERVER }] };
    const res = await this.session.request<CsbsProtectableAnswer>("data-protect", "POST", `${PROVIDER}/resources/action`, { body, idempotent: true });
    return res.body?.protectable?.[0] ?? unexpected(`POST ${PROVIDER}/resources/action (check_protectable)`);
  }

  /**
   * Starts a one-off backup of one server; the answer is its checkpoint (the run), not the backup itself.
   * Never repeated on a lost answer (a repeat would take a second backup).
   */
  async protectServer(serverId: string, body: CsbsProtectBody): Promise<CsbsCheckpoint> {
    const res = await this.session.request<CsbsCheckpointBody>("data-protect", "POST", `${PROVIDER}/resources/${encodeURIComponent(serverId)}/action`, { body });
    return res.body?.checkpoint ?? unexpected(`POST ${PROVIDER}/resources/${serverId}/action`);
  }

  /** Asks the service to delete one backup of a checkpoint (asynchronous). False when it was already gone (404). */
  async deleteBackup(checkpointId: string, itemId: string): Promise<boolean> {
    try {
      await this.session.request("data-protect", "DELETE", `${PROVIDER}/checkpoints/${encodeURIComponent(checkpointId)}`, { query: { checkpoint_items: itemId } });
      return true;
    } catch (err) {
      if (isApiError(err, 404)) return false;
      throw err;
    }
  }

  /** The service's own restorability check of one backup onto one server. */
  async checkRestorable(itemId: string, serverId: string, volumes: readonly CsbsRestoreVolume[]): Promise<CsbsRestorableAnswer["restorable"][number]> {
    const body: CsbsCheckRestorableBody = { check_restorable: [{ checkpoint_item_id: itemId, target: { resource_id: serverId, resource_type: SERVER, volumes: [...volumes] } }] };
    const res = await this.session.request<CsbsRestorableAnswer>("data-protect", "POST", `${PROVIDER}/resources/action`, { body, idempotent: true });
    return res.body?.restorable?.[0] ?? unexpected(`POST ${PROVIDER}/resources/action (check_restorable)`);
  }

  /** Starts a restore. Never repeated on a lost answer (a restore overwrites the server). */
  async restore(checkpointId: string, itemId: string, serverId: string, powerOn: boolean, volumes: readonly CsbsRestoreVolume[]): Promise<CsbsRestore> {
    const body: CsbsRestoreBody = {
      restore: {
        provider_id: CSBS_PROVIDER_ID, checkpoint_id: checkpointId, restore_target: null,
        parameters: { checkpoint_item_id: itemId, power_on: powerOn, targets: { server_id: serverId, volumes: [...volumes] } },
      },
    };
    const res = await this.session.request<CsbsRestoreResponse>("data-protect", "POST", "/restores", { body });
    return res.body?.restore ?? unexpected("POST /restores");
  }

  /** Every job (operation log) matching the filters, all pages. */
  async listOperationLogs(filters: OperationLogFilters = {}): Promise<CsbsOperationLog[]> {
    return collectPages<CsbsOperationLog>({ ...filters }, async (query) => {
      const res = await this.session.request<CsbsOperationLogList>("data-protect", "GET", "/operation_logs", { query });
      return { items: res.body?.operation_logs ?? unexpected("GET /operation_logs"), links: res.body?.operation_logs_links };
    });
  }
}
