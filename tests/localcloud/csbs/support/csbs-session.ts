/**
 * Talks real HTTP to a real local cloud (started with startLocalCloud) as one Keystone user: the CSBS base URL
 * comes from the token's catalog, and calls return status and parsed body so tests can assert on both.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from "../../../../localcloud";
import { admin, login } from "../../../support/cloud";

export const PROVIDER_ID = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";
/** A Monday, so weekly schedules in tests start on a known weekday. */
export const MONDAY = "2030-01-07T00:00:00Z";
export const CRLF = "\r\n";

export function pattern(...rrules: string[]): string {
  return ["BEGIN:VCALENDAR", "BEGIN:VEVENT", ...rrules.map((r) => `RRULE:${r}`), "END:VEVENT", "END:VCALENDAR", ""].join(CRLF);
}

export const MO_TH_2_14 = pattern("FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=2,14;BYMINUTE=0");

/** Response bodies are read loosely in tests: the assertions are the type check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Reply<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Session {
  cloud: LocalCloud;
  token: string;
  projectId: string;
  /** `{base}/csbs/v1/{project_id}` from the catalog. */
  csbs: string;
  call<T = Json>(method: string, path: string, body?: unknown): Promise<Reply<T>>;
}

/** Logs in as a default-fixture user (demo, demo-reader, other, admin) scoped to that user's project. */
export async function session(cloud: LocalCloud, user = "demo", password = user === "demo-reader" ? "demo" : user,
  project = user === "other" ? "other" : "demo"): Promise<Session> {
  const s = await login(cloud, user, password, project);
  return {
    cloud, token: s.token, projectId: s.projectId, csbs: s.csbs,
    call: async (method, p, body) => {
      const url = p.startsWith("http") ? p : `${s.csbs}${p}`;
      const res = await fetch(url, {
        method,
        headers: { "x-auth-token": s.token, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    },
  };
}

export type Mode = "in-memory" | "persistent";

/** Starts a cloud whose clock begins on MONDAY; persistent mode uses a fresh state directory. */
export async function startCloud(mode: Mode, extra: LocalCloudOptions = {}): Promise<LocalCloud & { stateDir?: string }> {
  const stateDir = mode === "persistent" ? fs.mkdtempSync(path.join(os.tmpdir(), "csbs-state-")) : undefined;
  const cloud = await startLocalCloud({ port: 0, host: "127.0.0.1", clock: { start: MONDAY }, ...(stateDir ? { stateDir } : {}), ...extra });
  return Object.assign(cloud, stateDir ? { stateDir } : {});
}

export function serverId(cloud: LocalCloud, name: string, project = "demo"): string {
  const p = cloud.fixtures.projects.find((x) => x.name === project);
  const s = p?.servers.find((x) => x.name === name);
  if (!s) throw new Error(`fixture server ${project}/${name} not found; the default fixtures have web-000..web-099, db-0, db-1, broken-0, shared-0`);
  return s.id;
}

export function servers(cloud: LocalCloud, names: string[]): Array<{ id: string; type: string; name: string }> {
  return names.map((name) => ({ id: serverId(cloud, name), type: "OS::Nova::Server", name }));
}

export interface PolicyOptions {
  name?: string;
  servers?: string[];
  pattern?: string;
  enabled?: unknown;
  definition?: Record<string, unknown>;
  tags?: Array<{ key: string; value: string }>;
}

/** A valid create body; override pieces to provoke each error. */
export function policyBody(cloud: LocalCloud, o: PolicyOptions = {}): { policy: Record<string, unknown> } {
  return {
    policy: {
      name: o.name ?? "nightly",
      description: "test policy",
      provider_id: PROVIDER_ID,
      parameters: { common: {} },
      resources: servers(cloud, o.servers ?? []),
      scheduled_operations: [{
        enabled: o.enabled ?? true,
        operation_type: "backup",
        operation_definition: o.definition ?? { max_backups: 20 },
        trigger: { properties: { pattern: o.pattern ?? MO_TH_2_14 } },
      }],
      ...(o.tags ? { tags: o.tags } : {}),
    },
  };
}

export async function createPolicy(s: Session, o: PolicyOptions = {}): Promise<Json> {
  const r = await s.call("POST", "/policies", policyBody(s.cloud, o));
  if (r.status !== 200) throw new Error(`create policy failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.policy;
}

export async function advance(cloud: LocalCloud, seconds: number): Promise<void> {
  await admin(cloud, "POST", "/clock", { advanceSeconds: seconds });
}

export async function settings(cloud: LocalCloud, patch: Record<string, unknown>): Promise<void> {
  await admin(cloud, "POST", "/csbs/settings", patch);
}

export function removeDir(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/** A test's cloud (with its state directory in persistent mode) and the demo user's session on it. */
export interface CsbsTestCloud {
  cloud: LocalCloud & { stateDir?: string };
  demo: Session;
}

/** Registers hooks that give every test of the enclosing describe a fresh cloud in `mode` and the demo session; the state directory goes after. */
export function csbsCloudPerTest(mode: Mode): CsbsTestCloud {
  const ctx = {} as CsbsTestCloud;
  beforeEach(async () => {
    ctx.cloud = await startCloud(mode);
    ctx.demo = await session(ctx.cloud);
  });
  afterEach(async () => {
    await ctx.cloud.close();
    removeDir(ctx.cloud.stateDir);
  });
  return ctx;
}

/** Asserts a CSBS error: status, `error_code`, and `error_msg` (exact string or pattern). */
export function expectError(r: { status: number; body: Json }, status: number, code: string, message?: string | RegExp): void {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(r.body.error_code, code, JSON.stringify(r.body));
  if (typeof message === "string") assert.equal(r.body.error_msg, message);
  else if (message) assert.match(r.body.error_msg, message);
}
