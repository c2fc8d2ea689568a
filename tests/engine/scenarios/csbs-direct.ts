/** Direct CSBS calls as the demo user, for arranging and checking the cloud outside Pulumi. */
import type { CsbsCheckpointItem, CsbsPolicy } from "../../../provider/wire/csbs";
import { login, type TestCloud } from "../../support/cloud";
import { DirectCalls, type Backup, type PolicyApi, type PolicySummary } from "./policy-api";

/** The CSBS provider id of every policy and checkpoint. */
export const CSBS_PROVIDER = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";

/** The servers of a live policy, sorted. */
export function liveServers(policy: CsbsPolicy): string[] {
  return policy.resources.map((r) => r.id).sort();
}

/** The API's created_at has no zone and means UTC. */
function utc(createdAt: string): Date {
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(createdAt) ? createdAt : `${createdAt}Z`);
}

export class CsbsDirect extends DirectCalls implements PolicyApi {
  readonly dialect = "csbs" as const;

  static async login(cloud: TestCloud): Promise<CsbsDirect> {
    const { token, csbs } = await login(cloud);
    return new CsbsDirect(token, csbs);
  }

  async policies(): Promise<CsbsPolicy[]> {
    return (await this.call<{ policies: CsbsPolicy[] }>("GET", "/policies")).policies;
  }

  async policy(id: string): Promise<CsbsPolicy> {
    return (await this.call<{ policy: CsbsPolicy }>("GET", `/policies/${id}`)).policy;
  }

  async summary(id: string): Promise<PolicySummary> {
    const p = await this.policy(id);
    const op = p.scheduled_operations[0];
    const enabled = String(op.enabled).toLowerCase();
    if (enabled !== "true" && enabled !== "false") throw new Error(`policy ${id} has an operation whose enabled is ${String(op.enabled)}`);
    return { name: p.name, description: p.description ?? "", enabled: enabled === "true", pattern: op.trigger.properties.pattern, servers: liveServers(p) };
  }

  async items(query = ""): Promise<CsbsCheckpointItem[]> {
    return (await this.call<{ checkpoint_items: CsbsCheckpointItem[] }>("GET", `/checkpoint_items${query}`)).checkpoint_items;
  }

  async backups(policyId?: string): Promise<Backup[]> {
    const items = await this.items(policyId === undefined ? "" : `?policy_id=${policyId}`);
    return items.map((i) => ({ id: i.id, createdAt: utc(i.created_at) }));
  }

  async backUpNow(id: string): Promise<void> {
    await this.call("POST", `/providers/${CSBS_PROVIDER}/checkpoints`, { checkpoint: { plan_id: id, parameters: { auto_trigger: false } } });
  }

  async createPolicy(name: string, serverIds: string[] = []): Promise<CsbsPolicy> {
    const body = {
      policy: {
        name,
        provider_id: CSBS_PROVIDER,
        parameters: { common: {} },
        resources: serverIds.map((id) => ({ id, type: "OS::Nova::Server", name: id })),
        scheduled_operations: [
          {
            enabled: true,
            operation_type: "backup",
            operation_definition: { max_backups: 3 },
            trigger: { properties: { pattern: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=SU;BYHOUR=3;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" } },
          },
        ],
      },
    };
    return (await this.call<{ policy: CsbsPolicy }>("POST", "/policies", body)).policy;
  }

  async deletePolicy(id: string): Promise<void> {
    await this.call("DELETE", `/policies/${id}`);
  }
}
