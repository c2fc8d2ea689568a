/**
 * Shared pieces of the provider's engine scenarios: a program generated from a JSON description (so a step
 * changes the program by rewriting spec.json), a stack pointed at a local cloud, and direct CSBS calls to
 * compare the cloud with state. The cloud is always asked over real HTTP.
 */
import { demoStackConfig, login, startTestCloud, type TestCloud } from "../../support/cloud";
import { EngineStack } from "../../support/engine";
import type { CsbsCheckpointItem, CsbsPolicy } from "../../../provider/wire/csbs";

/** A policy of the generated program, with its associations. */
export interface PolicyDecl {
  resource: string;
  args: Record<string, unknown>;
  associations?: Array<{ resource: string; serverIds: string[]; takeOver?: boolean }>;
}

export interface ProgramSpec {
  policies: PolicyDecl[];
}

/** The program: builds the resources described by spec.json and exports ids and outputs per resource. */
export const PROGRAM = `
const csbs = require("pulumi-csbs");
const spec = require("./spec.json");
const out = {};
for (const p of spec.policies) {
  const policy = new csbs.BackupPolicy(p.resource, p.args);
  out[p.resource] = {
    id: policy.id, name: policy.name, pattern: policy.pattern, status: policy.status,
    createdAt: policy.createdAt, enabled: policy.enabled, retention: policy.retention, tags: policy.tags,
    schedule: policy.schedule, projectId: policy.projectId,
  };
  for (const a of p.associations || []) {
    const assoc = new csbs.PolicyAssociation(a.resource, { policyId: policy.id, serverIds: a.serverIds, takeOver: a.takeOver });
    out[a.resource] = { id: assoc.id, policyId: assoc.policyId, serverIds: assoc.serverIds };
  }
}
module.exports = out;
`;

export function programFiles(spec: ProgramSpec): Record<string, string> {
  return { "index.js": PROGRAM, "spec.json": JSON.stringify(spec, null, 2) };
}

/** A stack of the generated program, logged in to the cloud as the demo member user. */
export async function scenarioStack(cloud: TestCloud, project: string, spec: ProgramSpec): Promise<EngineStack> {
  const { config, secrets } = demoStackConfig(cloud);
  const stack = await EngineStack.create({ project, files: programFiles(spec) });
  // Set config without "--": the harness appends its global flags after the arguments.
  for (const [k, v] of Object.entries(config)) await stack.cli(["config", "set", "--plaintext", k, v], { check: true });
  for (const [k, v] of Object.entries(secrets)) await stack.cli(["config", "set", "--secret", k, v], { check: true });
  return stack;
}

export function setProgram(stack: EngineStack, spec: ProgramSpec): void {
  stack.writeProgram(programFiles(spec));
}

/** Fixture server ids of the demo project by name (web-000 …, db-0, broken-0, shared-0). */
export function serverIds(cloud: TestCloud, ...names: string[]): string[] {
  const demo = cloud.fixtures.projects.find((p) => p.name === "demo");
  if (!demo) throw new Error("the local cloud has no demo project: start it with the default fixtures");
  return names.map((n) => {
    const s = demo.servers.find((x) => x.name === n);
    if (!s) throw new Error(`no fixture server named ${n} in the demo project`);
    return s.id;
  });
}

/** web-000 … web-(n-1) (plus an offset). */
export function webServers(cloud: TestCloud, count: number, from = 0): string[] {
  return serverIds(cloud, ...Array.from({ length: count }, (_, i) => `web-${String(from + i).padStart(3, "0")}`));
}

/** Direct CSBS calls as the demo user, for arranging and checking the cloud outside Pulumi. */
export class CsbsDirect {
  private constructor(
    private readonly token: string,
    readonly base: string,
  ) {}

  static async login(cloud: TestCloud): Promise<CsbsDirect> {
    const { token, csbs } = await login(cloud);
    return new CsbsDirect(token, csbs);
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

  async policies(): Promise<CsbsPolicy[]> {
    return (await this.call<{ policies: CsbsPolicy[] }>("GET", "/policies")).policies;
  }

  async policy(id: string): Promise<CsbsPolicy> {
    return (await this.call<{ policy: CsbsPolicy }>("GET", `/policies/${id}`)).policy;
  }

  async items(query = ""): Promise<CsbsCheckpointItem[]> {
    return (await this.call<{ checkpoint_items: CsbsCheckpointItem[] }>("GET", `/checkpoint_items${query}`)).checkpoint_items;
  }

  /** Creates a policy outside any stack (a weekly 03:00 UTC schedule, 3 backups kept). */
  async createPolicy(name: string, serverIds: string[] = []): Promise<CsbsPolicy> {
    const body = {
      policy: {
        name,
        provider_id: "fc4d5750-22e7-4798-8a46-f48f62c4c1da",
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

export { startTestCloud, type TestCloud, EngineStack };

/** The servers of a live policy, sorted. */
export function liveServers(policy: CsbsPolicy): string[] {
  return policy.resources.map((r) => r.id).sort();
}

/** A schedule every test can use: Mondays and Thursdays at 02:00 and 14:00 UTC. */
export const BASIC_SCHEDULE = { times: ["02:00", "14:00"], weekdays: ["MO", "TH"] };
