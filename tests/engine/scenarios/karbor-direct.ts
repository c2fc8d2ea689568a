/**
 * Direct Karbor calls as the demo user, for arranging and checking the cloud outside Pulumi. The provider maps one
 * policy onto a plan, a trigger named `csbs-policy:{plan id}|…` and (while enabled) one retention_protect operation.
 */
import type { KarborPlan, KarborScheduledOperation, KarborTrigger } from "../../../provider/wire/karbor";
import { admin, login, type TestCloud } from "../../support/cloud";
import { DirectCalls, type Backup, type PolicyApi, type PolicySummary } from "./policy-api";

/** The OpenStack infrastructure protection provider every plan and checkpoint names. */
export const OS_INFRA = "cf56bd3e-97a7-4078-b6d5-f36246333fd9";

/** A plan with the trigger and operations that belong to it, as Karbor shows them. */
export interface LivePlan {
  plan: KarborPlan;
  trigger?: KarborTrigger;
  operations: KarborScheduledOperation[];
  servers: string[];
}

interface ItemRecord {
  id: string;
  createdAt: string;
  automatic: boolean;
  policyId?: string;
}

export class KarborDirect extends DirectCalls implements PolicyApi {
  readonly dialect = "karbor" as const;

  private constructor(token: string, base: string, readonly projectId: string, private readonly cloud: TestCloud) {
    super(token, base);
  }

  static async login(cloud: TestCloud): Promise<KarborDirect> {
    const { token, csbs, projectId } = await login(cloud);
    if (!csbs.includes("/karbor/v1/")) throw new Error(`the demo project is not on Karbor (data-protect is ${csbs})`);
    return new KarborDirect(token, csbs, projectId, cloud);
  }

  async policies(): Promise<KarborPlan[]> {
    return (await this.call<{ plans: KarborPlan[] }>("GET", "/plans")).plans;
  }

  async triggers(): Promise<KarborTrigger[]> {
    return (await this.call<{ triggers: KarborTrigger[] }>("GET", "/triggers")).triggers;
  }

  async operations(): Promise<KarborScheduledOperation[]> {
    return (await this.call<{ operations: KarborScheduledOperation[] }>("GET", "/scheduled_operations")).operations;
  }

  async policy(planId: string): Promise<LivePlan> {
    const plan = (await this.call<{ plan: KarborPlan }>("GET", `/plans/${planId}`)).plan;
    const operations = (await this.operations()).filter((o) => o.operation_definition.plan_id === planId);
    const trigger = (await this.triggers()).find((t) => t.name.startsWith(`csbs-policy:${planId}`));
    return { plan, trigger, operations, servers: plan.resources.filter((r) => r.type === "OS::Nova::Server").map((r) => r.id).sort() };
  }

  async summary(id: string): Promise<PolicySummary> {
    const p = await this.policy(id);
    return { name: p.plan.name, description: p.plan.description ?? "", enabled: p.operations.length > 0, pattern: p.trigger?.properties.pattern ?? "", servers: p.servers };
  }

  /** A plan outside any stack, with its own trigger and retention_protect operation (Sundays 03:00 UTC). */
  async createPolicy(name: string, serverIds: string[] = []): Promise<KarborPlan> {
    // Karbor refuses a plan without resources: a plan with no server protects the project itself.
    const resources = serverIds.length > 0 ? serverIds.map((id) => ({ id, type: "OS::Nova::Server", name: id }))
      : [{ id: this.projectId, type: "OS::Keystone::Project", name: "demo" }];
    const plan = (await this.call<{ plan: KarborPlan }>("POST", "/plans", { plan: { name, provider_id: OS_INFRA, parameters: {}, resources } })).plan;
    const trigger = (await this.call<{ trigger_info: KarborTrigger }>("POST", "/triggers", { trigger_info: { name: `${name}-trigger`, type: "time",
      properties: { format: "calendar", pattern: "BEGIN:VEVENT\nRRULE:FREQ=WEEKLY;BYDAY=SU;BYHOUR=3;BYMINUTE=0\nEND:VEVENT" } } })).trigger_info;
    await this.call("POST", "/scheduled_operations", { scheduled_operation: { name: `${name}-op`, operation_type: "retention_protect", trigger_id: trigger.id,
      operation_definition: { plan_id: plan.id, provider_id: OS_INFRA, max_backups: 3 } } });
    return plan;
  }

  async deletePolicy(id: string): Promise<void> {
    await this.call("DELETE", `/plans/${id}`);
  }

  async backUpNow(id: string): Promise<void> {
    await this.call("POST", `/providers/${OS_INFRA}/checkpoints`, { checkpoint: { plan_id: id } });
  }

  /** Backups of the shared model, through the admin state dump (Karbor lists checkpoints, not their items). */
  async backups(planId?: string): Promise<Backup[]> {
    const s = await admin<{ collections: Record<string, ItemRecord[]> }>(this.cloud, "GET", "/state");
    return (s.collections["csbs.items"] ?? [])
      .filter((i) => planId === undefined || i.policyId === planId)
      .map((i) => ({ id: i.id, createdAt: new Date(i.createdAt) }));
  }

  /** Sets the demo project's plan quota as the admin user (Karbor's quotas API; CSBS has a fixed 32). */
  async setPlanQuota(plans: number): Promise<void> {
    const { token } = await login(this.cloud, "admin", "admin", "demo");
    const res = await fetch(`${this.base}/quotas/${this.projectId}`, {
      method: "PUT", headers: { "x-auth-token": token, "content-type": "application/json" }, body: JSON.stringify({ quota: { plans } }),
    });
    if (res.status !== 200) throw new Error(`setting the plan quota failed: ${res.status} ${await res.text()}`);
  }
}
