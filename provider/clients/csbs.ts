/** Typed calls to the CSBS v1 API (policies, backups, quotas, policy tags) over a Session. */
import type {
  CsbsCheckpointItem,
  CsbsCheckpointItemList,
  CsbsCount,
  CsbsPolicy,
  CsbsPolicyBody,
  CsbsPolicyCreateBody,
  CsbsPolicyList,
  CsbsPolicyUpdateBody,
  CsbsQuotaResource,
  CsbsQuotas,
  CsbsTag,
  CsbsTagActionBody,
  CsbsTagList,
} from "../wire/csbs";
import { isApiError } from "./api-error";
import { collectPages } from "./pagination";
import type { QueryValue, Session } from "./session";

/** Filters of `GET /checkpoint_items` (and `/count`). */
export interface CheckpointItemFilters {
  policy_id?: string;
  resource_id?: string;
  checkpoint_id?: string;
  status?: string;
  name?: string;
  resource_name?: string;
  resource_type?: string;
  start_time?: string;
  end_time?: string;
  sort?: string;
  limit?: number;
}

const id = (value: string): string => encodeURIComponent(value);

function unexpected(what: string): never {
  throw new Error(`CSBS answered ${what} without the expected JSON body: check that csbs:endpoint (or the catalog's data-protect URL) points at CSBS v1`);
}

/** The CSBS v1 client. */
export class CsbsClient {
  constructor(private readonly session: Session) {}

  /**
   * Every policy of the project (all pages), optionally by exact name. `pageSize` is the `limit` of each
   * page (@default the service's, 1000).
   */
  async listPolicies(filter: { name?: string; pageSize?: number } = {}): Promise<CsbsPolicy[]> {
    const first = { name: filter.name, limit: filter.pageSize === undefined ? undefined : String(filter.pageSize) };
    return collectPages<CsbsPolicy>(first, async (query) => {
      const res = await this.session.request<CsbsPolicyList>("data-protect", "GET", "/policies", { query });
      return { items: res.body?.policies ?? unexpected("GET /policies"), links: res.body?.policies_links };
    });
  }

  /** The policy, or undefined when it does not exist (404). */
  async getPolicy(policyId: string): Promise<CsbsPolicy | undefined> {
    try {
      const res = await this.session.request<CsbsPolicyBody>("data-protect", "GET", `/policies/${id(policyId)}`);
      return res.body?.policy ?? unexpected(`GET /policies/${policyId}`);
    } catch (err) {
      if (isApiError(err, 404)) return undefined;
      throw err;
    }
  }

  /**
   * Creates a policy. Not repeated on a lost answer unless `idempotent` (the caller then looks the policy up
   * by its unique name instead).
   */
  async createPolicy(body: CsbsPolicyCreateBody, options: { idempotent?: boolean } = {}): Promise<CsbsPolicy> {
    const res = await this.session.request<CsbsPolicyBody>("data-protect", "POST", "/policies", { body, idempotent: options.idempotent });
    return res.body?.policy ?? unexpected("POST /policies");
  }

  /** Updates a policy (`resources` replaces the whole server list) and returns the full policy. */
  async updatePolicy(policyId: string, body: CsbsPolicyUpdateBody): Promise<CsbsPolicy> {
    const res = await this.session.request<CsbsPolicyBody>("data-protect", "PUT", `/policies/${id(policyId)}`, { body });
    return res.body?.policy ?? unexpected(`PUT /policies/${policyId}`);
  }

  /** Deletes a policy (its backups stay). False when it was already gone. */
  async deletePolicy(policyId: string): Promise<boolean> {
    try {
      await this.session.request("data-protect", "DELETE", `/policies/${id(policyId)}`);
      return true;
    } catch (err) {
      if (isApiError(err, 404)) return false;
      throw err;
    }
  }

  /** Every backup matching the filters (all pages). */
  async listCheckpointItems(filters: CheckpointItemFilters = {}): Promise<CsbsCheckpointItem[]> {
    const first = stringQuery(filters);
    return collectPages<CsbsCheckpointItem>(first, async (query) => {
      const res = await this.session.request<CsbsCheckpointItemList>("data-protect", "GET", "/checkpoint_items", { query });
      return { items: res.body?.checkpoint_items ?? unexpected("GET /checkpoint_items"), links: res.body?.checkpoint_items_links };
    });
  }

  /** How many backups match the filters. */
  async countCheckpointItems(filters: Omit<CheckpointItemFilters, "sort" | "limit"> = {}): Promise<number> {
    const res = await this.session.request<CsbsCount>("data-protect", "GET", "/checkpoint_items/count", { query: stringQuery(filters) });
    const count = Number(res.body?.count);
    return Number.isFinite(count) ? count : unexpected("GET /checkpoint_items/count");
  }

  /** The project's quotas (`backups`, `backup_capacity`, and `policies` where the cloud reports it). */
  async quotas(): Promise<CsbsQuotaResource[]> {
    const res = await this.session.request<CsbsQuotas>("data-protect", "GET", "/quotas");
    return res.body?.quotas?.resources ?? unexpected("GET /quotas");
  }

  /** The tags of a policy as a map. */
  async getPolicyTags(policyId: string): Promise<Record<string, string>> {
    const res = await this.session.request<CsbsTagList>("data-protect", "GET", `/csbs_backup_policy/${id(policyId)}/tags`);
    return tagMap(res.body?.tags ?? unexpected(`GET /csbs_backup_policy/${policyId}/tags`));
  }

  /**
   * Makes the policy's tags exactly `desired` through the batch tag API: deletes removed and changed keys,
   * then creates new and changed ones. Both batches are safe to repeat (they converge on the same tags).
   */
  async setPolicyTags(policyId: string, desired: Record<string, string>): Promise<void> {
    const current = await this.getPolicyTags(policyId);
    const toDelete = Object.keys(current).filter((k) => desired[k] !== current[k]);
    const toCreate = Object.entries(desired).filter(([k, v]) => current[k] !== v);
    const path = `/csbs_backup_policy/${id(policyId)}/tags/action`;
    if (toDelete.length > 0) {
      const body: CsbsTagActionBody = { action: "delete", tags: toDelete.map((key) => ({ key, value: current[key] })) };
      try {
        await this.session.request("data-protect", "POST", path, { body, idempotent: true });
      } catch (err) {
        // A repeated delete whose first attempt landed finds the tags gone: that is the goal.
        if (!isApiError(err, 404)) throw err;
      }
    }
    if (toCreate.length > 0) {
      const body: CsbsTagActionBody = { action: "create", tags: toCreate.map(([key, value]) => ({ key, value })) };
      await this.session.request("data-protect", "POST", path, { body, idempotent: true });
    }
  }
}

/** Tags as a map; a later duplicate key wins. */
export function tagMap(tags: readonly CsbsTag[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags) out[t.key] = t.value ?? "";
  return out;
}

function stringQuery(filters: object): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(filters) as Array<[string, QueryValue]>) {
    if (v !== undefined) out[k] = String(v);
  }
  return out;
}
