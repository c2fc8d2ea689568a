/**
 * The provider's engine scenarios with `csbs:api = karbor`: the program generator of the CSBS scenarios
 * (../provider/scenario-support.ts), a local cloud whose `demo` project speaks Karbor, and direct Karbor calls
 * to arrange and check the cloud outside Pulumi (over real HTTP).
 */
import type { Fixtures } from "../../../localcloud";
import type { KarborPlan, KarborScheduledOperation, KarborTrigger } from "../../../provider/wire/karbor";
import { karborFixtures } from "../../localcloud/karbor/support/karbor-session";
import { admin, login, startTestCloud, type TestCloud } from "../../support/cloud";
import { EngineStack } from "../../support/engine";
import { programFiles, type ProgramSpec } from "../provider/scenario-support";

export const OS_INFRA = "cf56bd3e-97a7-4078-b6d5-f36246333fd9";
/** A member of `demo` whose password appears nowhere else, so a leak can be searched for. */
export const KEEPER = { user: "keeper", password: "Kb7-vR22-unguessable-Lm3" };

export async function startKarborTestCloud(): Promise<TestCloud> {
  const fixtures = karborFixtures() as Fixtures;
  fixtures.projects.find((p) => p.name === "demo")!.users!.push({ name: KEEPER.user, password: KEEPER.password, roles: ["member"] });
  return startTestCloud({ fixtures });
}

/** A stack of the generated program with csbs:api = karbor, logged in as `user` of the demo project. */
export async function karborStack(cloud: TestCloud, project: string, spec: ProgramSpec, user = { user: "demo", password: "demo" }): Promise<EngineStack> {
  const stack = await EngineStack.create({ project, files: programFiles(spec) });
  const config: Record<string, string> = {
    "csbs:authUrl": cloud.authUrl, "csbs:userName": user.user, "csbs:userDomainName": "Default", "csbs:projectName": "demo",
    "csbs:projectDomainName": "Default", "csbs:region": "RegionOne", "csbs:api": "karbor",
  };
  for (const [k, v] of Object.entries(config)) await stack.cli(["config", "set", "--plaintext", k, v], { check: true });
  await stack.cli(["config", "set", "--secret", "csbs:password", user.password], { check: true });
  return stack;
}

/** A plan with the trigger and operations that belong to it, as Karbor shows them. */
export interface LivePolicy {
  plan: KarborPlan;
  trigger?: KarborTrigger;
  operations: KarborScheduledOperation[];
  servers: string[];
}

export class KarborDirect {
  private constructor(private readonly token: string, readonly base: string, readonly projectId: string) {}

  static async login(cloud: TestCloud): Promise<KarborDirect> {
    const { token, csbs, projectId } = await login(cloud);
    if (!csbs.includes("/karbor/v1/")) throw new Error(`the demo project is not on Karbor (data-protect is ${csbs})`);
    return new KarborDirect(token, csbs, projectId);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { "x-auth-token": this.token, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async plans(): Promise<KarborPlan[]> {
    return (await this.call<{ plans: KarborPlan[] }>("GET", "/plans")).plans;
  }

  async policy(planId: string): Promise<LivePolicy> {
    const plan = (await this.call<{ plan: KarborPlan }>("GET", `/plans/${planId}`)).plan;
    const operations = (await this.call<{ operations: KarborScheduledOperation[] }>("GET", "/scheduled_operations")).operations
      .filter((o) => o.operation_definition.plan_id === planId);
    const triggers = (await this.call<{ triggers: KarborTrigger[] }>("GET", "/triggers")).triggers;
    const trigger = triggers.find((t) => t.name.startsWith(`csbs-policy:${planId}`));
    return { plan, trigger, operations, servers: plan.resources.filter((r) => r.type === "OS::Nova::Server").map((r) => r.id).sort() };
  }

  /** A plan outside any stack, with its own trigger and retention_protect operation (Sundays 03:00 UTC). */
  async createPolicy(name: string, serverIds: string[]): Promise<KarborPlan> {
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

  async deletePlan(id: string): Promise<void> {
    await this.call("DELETE", `/plans/${id}`);
  }

  /** Automatic backups of a plan (the shared model's items, through the admin state dump). */
  static async backups(cloud: TestCloud, planId?: string): Promise<Array<{ id: string; createdAt: string; automatic: boolean; policyId?: string }>> {
    const s = await admin<{ collections: Record<string, Array<{ id: string; createdAt: string; automatic: boolean; policyId?: string }>> }>(cloud, "GET", "/state");
    return (s.collections["csbs.items"] ?? []).filter((i) => planId === undefined || i.policyId === planId);
  }
}

export { startTestCloud, type TestCloud, EngineStack };
