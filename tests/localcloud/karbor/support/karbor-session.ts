/**
 * A local cloud whose `demo` project speaks Karbor (its data-protect endpoint is `{base}/karbor/v1/{project}`),
 * and a logged-in caller that talks real HTTP to it.
 */
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from "../../../../localcloud";
import { defaultFixtures } from "../../../../localcloud/fixtures/default-fixtures";
import { admin, login } from "../../../support/cloud";

export const OS_INFRA = "cf56bd3e-97a7-4078-b6d5-f36246333fd9";
/** A Monday at midnight UTC. */
export const MONDAY = "2030-01-07T00:00:00Z";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Reply<T = Json> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface KarborCaller {
  cloud: LocalCloud;
  token: string;
  projectId: string;
  /** `{base}/karbor/v1/{project_id}` from the token's catalog. */
  base: string;
  call<T = Json>(method: string, path: string, body?: unknown): Promise<Reply<T>>;
}

/** Default fixtures with `demo` (and optionally `other`) on Karbor. */
export function karborFixtures(otherToo = false): ReturnType<typeof defaultFixtures> {
  const f = defaultFixtures();
  for (const p of f.projects) if (p.name === "demo" || (otherToo && p.name === "other")) p.api = "karbor";
  return f;
}

export async function startKarborCloud(extra: LocalCloudOptions = {}): Promise<LocalCloud> {
  return startLocalCloud({ port: 0, host: "127.0.0.1", clock: { start: MONDAY }, fixtures: karborFixtures(true), ...extra });
}

/** A test's Karbor cloud and the demo user's caller on it. */
export interface KarborTestCloud {
  cloud: LocalCloud;
  demo: KarborCaller;
}

/** Registers hooks that give every test of the enclosing describe a fresh Karbor cloud ({@link startKarborCloud}) and the demo caller. */
export function karborCloudPerTest(): KarborTestCloud {
  const ctx = {} as KarborTestCloud;
  beforeEach(async () => {
    ctx.cloud = await startKarborCloud();
    ctx.demo = await caller(ctx.cloud);
  });
  afterEach(() => ctx.cloud.close());
  return ctx;
}

export async function caller(cloud: LocalCloud, user = "demo", password = user === "demo-reader" ? "demo" : user,
  project = user === "other" ? "other" : "demo"): Promise<KarborCaller> {
  const s = await login(cloud, user, password, project);
  if (!s.csbs.includes("/karbor/v1/")) throw new Error(`project ${project} is not on Karbor: its data-protect URL is ${s.csbs}`);
  return {
    cloud, token: s.token, projectId: s.projectId, base: s.csbs,
    call: async (method, p, body) => {
      const res = await fetch(p.startsWith("http") ? p : `${s.csbs}${p}`, {
        method,
        headers: { "x-auth-token": s.token, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: Json;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: res.status, body: parsed, text, headers: res.headers };
    },
  };
}

export function serverId(cloud: LocalCloud, name: string, project = "demo"): string {
  const s = cloud.fixtures.projects.find((x) => x.name === project)?.servers.find((x) => x.name === name);
  if (!s) throw new Error(`fixture server ${project}/${name} not found`);
  return s.id;
}

export function serverResources(cloud: LocalCloud, names: string[]): Array<{ id: string; type: string; name: string }> {
  return names.map((name) => ({ id: serverId(cloud, name), type: "OS::Nova::Server", name }));
}

export const WEEKLY_MO_2 = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=2;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

export async function createPlan(c: KarborCaller, names: string[] = ["web-000"], name = "plan-a"): Promise<Json> {
  const r = await c.call("POST", "/plans", { plan: { name, provider_id: OS_INFRA, parameters: {}, resources: serverResources(c.cloud, names) } });
  if (r.status !== 200) throw new Error(`create plan failed: ${r.status} ${r.text}`);
  return r.body.plan;
}

export async function createTrigger(c: KarborCaller, pattern = WEEKLY_MO_2, extra: Record<string, unknown> = {}): Promise<Json> {
  const r = await c.call("POST", "/triggers", { trigger_info: { name: "tr", type: "time", properties: { format: "calendar", pattern, ...extra } } });
  if (r.status !== 200) throw new Error(`create trigger failed: ${r.status} ${r.text}`);
  return r.body.trigger_info;
}

export async function createOperation(c: KarborCaller, planId: string, triggerId: string, definition: Record<string, unknown> = {}, type = "retention_protect"): Promise<Json> {
  const r = await c.call("POST", "/scheduled_operations", { scheduled_operation: {
    name: "op", operation_type: type, trigger_id: triggerId, operation_definition: { plan_id: planId, provider_id: OS_INFRA, ...definition },
  } });
  if (r.status !== 200) throw new Error(`create operation failed: ${r.status} ${r.text}`);
  return r.body.scheduled_operation;
}

export async function advance(cloud: LocalCloud, seconds: number): Promise<void> {
  await admin(cloud, "POST", "/clock", { advanceSeconds: seconds });
}

/** The local cloud's state as the admin API dumps it. */
export async function state(cloud: LocalCloud): Promise<Record<string, Json[]>> {
  return (await admin<{ collections: Record<string, Json[]> }>(cloud, "GET", "/state")).collections;
}

/** Asserts a Karbor fault: status, fault name, and message (exact string or pattern). */
export function fault(r: Reply, status: number, name: string, message?: string | RegExp): void {
  const detail = `${r.status} ${r.text}`;
  if (r.status !== status) throw new Error(`expected ${status} ${name}, got ${detail}`);
  const inner = r.body?.[name];
  if (!inner || inner.code !== status) throw new Error(`expected fault body {"${name}": {"code": ${status}}}, got ${detail}`);
  if (typeof message === "string" && inner.message !== message) throw new Error(`expected message "${message}", got ${detail}`);
  if (message instanceof RegExp && !message.test(inner.message)) throw new Error(`expected message matching ${message}, got ${detail}`);
}
