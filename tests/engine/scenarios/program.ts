/**
 * The engine scenarios' program: generated from a JSON description (so a step changes the program by rewriting
 * spec.json), a stack of it pointed at a local cloud, and the fixture servers it protects. Nothing here depends
 * on the API the project speaks: that is the dialect's business (./dialect.ts).
 */
import { demoStackConfig, type TestCloud } from "../../support/cloud";
import { EngineStack, type PreviewJson } from "../../support/engine";

/** An association of the generated program: servers by id or by selector. */
export interface AssociationDecl {
  resource: string;
  serverIds?: string[];
  serverSelector?: { tags?: string[]; metadata?: Record<string, string> };
  allowEmpty?: boolean;
  takeOver?: boolean;
  /** The association's own `profile` (by default it takes its policy's). */
  profile?: string;
}

/** A policy of the generated program, with its associations. */
export interface PolicyDecl {
  resource: string;
  args: Record<string, unknown>;
  associations?: AssociationDecl[];
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
    schedule: policy.schedule, projectId: policy.projectId, longTermZone: policy.longTermZone,
  };
  for (const a of p.associations || []) {
    const assoc = new csbs.PolicyAssociation(a.resource, {
      policyId: policy.id, serverIds: a.serverIds, serverSelector: a.serverSelector, allowEmpty: a.allowEmpty, takeOver: a.takeOver,
      profile: a.profile,
    });
    out[a.resource] = { id: assoc.id, policyId: assoc.policyId, serverIds: assoc.serverIds };
  }
}
module.exports = out;
`;

export function programFiles(spec: ProgramSpec): Record<string, string> {
  return { "index.js": PROGRAM, "spec.json": JSON.stringify(spec, null, 2) };
}

export function setProgram(stack: EngineStack, spec: ProgramSpec): void {
  stack.writeProgram(programFiles(spec));
}

/** A user of a fixture project and its password. */
export interface Login {
  user: string;
  password: string;
}

export const DEMO: Login = { user: "demo", password: "demo" };

/** Sets all of a stack's config in one CLI call (one process instead of one per key). */
export async function configureStack(stack: EngineStack, config: Record<string, string>, secrets: Record<string, string>): Promise<void> {
  const pairs = (flag: string, values: Record<string, string>) => Object.entries(values).flatMap(([k, v]) => [flag, `${k}=${v}`]);
  await stack.cli(["config", "set-all", ...pairs("--plaintext", config), ...pairs("--secret", secrets)], { check: true });
}

/**
 * A stack of the generated program, logged in to the cloud's demo project as `user`.
 * @param options.api the value of `csbs:api`; @default the provider's default (unset, which means CSBS)
 * @param options.user @default demo/demo
 */
export async function scenarioStack(
  cloud: TestCloud,
  project: string,
  spec: ProgramSpec,
  options: { api?: "csbs" | "karbor"; user?: Login } = {},
): Promise<EngineStack> {
  const user = options.user ?? DEMO;
  const { config } = demoStackConfig(cloud, user.user);
  const stack = await EngineStack.create({ project, files: programFiles(spec) });
  await configureStack(stack, { ...config, ...(options.api === "karbor" ? { "csbs:api": "karbor" } : {}) }, { "csbs:password": user.password });
  return stack;
}

/** The stack's outputs: one record per resource of the generated program. */
export async function outputsOf(stack: EngineStack): Promise<Record<string, Record<string, unknown>>> {
  return (await stack.outputs()) as Record<string, Record<string, unknown>>;
}

/** The steps a preview plans other than "same", as sorted "op resource" lines ("update daily"). */
export function changedSteps(preview: PreviewJson): string[] {
  return (preview.steps ?? []).filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn.split("::").pop()}`).sort();
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

/** A schedule every test can use: Mondays and Thursdays at 02:00 and 14:00 UTC. */
export const BASIC_SCHEDULE = { times: ["02:00", "14:00"], weekdays: ["MO", "TH"] };
