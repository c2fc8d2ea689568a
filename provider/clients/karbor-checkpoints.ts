/**
 * Typed calls to Karbor v1 checkpoints, protectable instances and operation logs (docs/csbs-api-notes.md A.5,
 * A.7, A.8) over a Session: what on-demand backups and the backup lookups need on Karbor.
 */
import {
  KARBOR_OS_INFRA_PROVIDER_ID,
  KARBOR_SERVER_TYPE,
  type KarborCheckpoint,
  type KarborCheckpointList,
  type KarborOperationLog,
  type KarborProtectableInstance,
} from "../wire/karbor";
import { isApiError } from "./api-error";
import { collectPages } from "./pagination";
import type { Session } from "./session";

const CHECKPOINTS = `/providers/${KARBOR_OS_INFRA_PROVIDER_ID}/checkpoints`;
const id = (value: string): string => encodeURIComponent(value);

function unexpected(what: string): never {
  throw new Error(`Karbor answered ${what} without the expected JSON body: check that csbs:endpoint (or the catalog's data-protect URL) points at Karbor v1, or set csbs:api to "csbs"`);
}

export class KarborCheckpointClient {
  constructor(private readonly session: Session) {}

  /** The server as Karbor's protectables see it, or undefined when Karbor does not know it (404). */
  async serverInstance(serverId: string): Promise<KarborProtectableInstance | undefined> {
    try {
      const res = await this.session.request<{ instance: KarborProtectableInstance }>(
        "data-protect", "GET", `/protectables/${id(KARBOR_SERVER_TYPE)}/instances/${id(serverId)}`,
      );
      return res.body?.instance ?? unexpected("GET /protectables/OS::Nova::Server/instances/{id}");
    } catch (err) {
      if (isApiError(err, 404)) return undefined;
      throw err;
    }
  }

  /** Starts a checkpoint (a backup run) of a plan. Never repeated on a lost answer. */
  async createCheckpoint(planId: string): Promise<KarborCheckpoint> {
    const res = await this.session.request<{ checkpoint: KarborCheckpoint }>("data-protect", "POST", CHECKPOINTS, { body: { checkpoint: { plan_id: planId } } });
    return res.body?.checkpoint ?? unexpected(`POST ${CHECKPOINTS}`);
  }

  /** The checkpoint, or undefined when it is gone (404). */
  async getCheckpoint(checkpointId: string): Promise<KarborCheckpoint | undefined> {
    try {
      const res = await this.session.request<{ checkpoint: KarborCheckpoint }>("data-protect", "GET", `${CHECKPOINTS}/${id(checkpointId)}`);
      return res.body?.checkpoint ?? unexpected(`GET ${CHECKPOINTS}/${checkpointId}`);
    } catch (err) {
      if (isApiError(err, 404)) return undefined;
      throw err;
    }
  }

  /** Every checkpoint of the project (all pages), optionally of one plan. */
  async listCheckpoints(filter: { planId?: string; pageSize?: number } = {}): Promise<KarborCheckpoint[]> {
    const first = { plan_id: filter.planId, limit: filter.pageSize === undefined ? undefined : String(filter.pageSize) };
    return collectPages<KarborCheckpoint>(first, async (query) => {
      const res = await this.session.request<KarborCheckpointList>("data-protect", "GET", CHECKPOINTS, { query });
      return { items: res.body?.checkpoints ?? unexpected(`GET ${CHECKPOINTS}`), links: res.body?.checkpoints_links };
    });
  }

  /** Asks Karbor to delete a checkpoint (asynchronous). False when it was already gone (404). */
  async deleteCheckpoint(checkpointId: string): Promise<boolean> {
    try {
      await this.session.request("data-protect", "DELETE", `${CHECKPOINTS}/${id(checkpointId)}`);
      return true;
    } catch (err) {
      if (isApiError(err, 404)) return false;
      throw err;
    }
  }

  /** The operation logs of one checkpoint (where Karbor keeps a failed run's reason). */
  async checkpointLogs(checkpointId: string): Promise<KarborOperationLog[]> {
    return collectPages<KarborOperationLog>({ checkpoint_id: checkpointId }, async (query) => {
      const res = await this.session.request<{ operation_logs: KarborOperationLog[]; operation_logs_links?: Array<{ rel: string; href: string }> }>(
        "data-protect", "GET", "/operation_logs", { query },
      );
      return { items: res.body?.operation_logs ?? unexpected("GET /operation_logs"), links: res.body?.operation_logs_links };
    });
  }
}
