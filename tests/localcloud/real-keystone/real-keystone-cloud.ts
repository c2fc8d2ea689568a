/**
 * A local cloud in real-Keystone mode wired to the run's shared Debian Keystone: the cloud validates tokens
 * against that Keystone, and Keystone's catalog points compute, volumev3 and data-protect at the cloud.
 */
import { startTestCloud, type TestCloud } from "../../support/cloud";
import { sharedRealKeystone, type RealKeystone } from "../../support/keystone";

/** CSBS's one provider id (csbs-api.md B.2). */
export const CSBS_PROVIDER = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";

export interface RealKeystoneCloud {
  ks: RealKeystone;
  cloud: TestCloud;
  close(): Promise<void>;
}

/** Starts an in-memory local cloud against the shared Keystone; the first call may install Keystone (~35 s). */
export async function startRealKeystoneCloud(): Promise<RealKeystoneCloud> {
  const ks = await sharedRealKeystone();
  const cloud = await startTestCloud({ keystoneUrl: ks.url, serviceUser: ks.serviceUser });
  try {
    await ks.registerCloudEndpoints(cloud.url);
  } catch (err) {
    await cloud.close();
    throw err;
  }
  return { ks, cloud, close: () => cloud.close() };
}

/** Filled in by the `before` hook of {@link realKeystonePerSuite}. */
export interface SuiteRealKeystoneCloud {
  ks: RealKeystone;
  cloud: TestCloud;
  /** The real Keystone's demo user on its demo project. */
  demo: Session;
}

/** Registers hooks that start a real-Keystone cloud (and log demo in) before the enclosing describe's tests, and close it after. */
export function realKeystonePerSuite(): SuiteRealKeystoneCloud {
  const env = {} as SuiteRealKeystoneCloud;
  let started: RealKeystoneCloud | undefined;
  before(async () => {
    started = await startRealKeystoneCloud();
    env.ks = started.ks;
    env.cloud = started.cloud;
    env.demo = await realLogin(started.ks, "demo", "demo", "demo");
  });
  after(async () => started?.close());
  return env;
}

export interface Session {
  token: string;
  projectId: string;
  compute: string;
  csbs: string;
}

/** Logs in to the real Keystone and takes the service URLs from the token's own catalog, as clients do. */
export async function realLogin(ks: RealKeystone, user: string, password: string, project: string): Promise<Session> {
  const t = await ks.issueToken(user, password, project);
  const url = (type: string) => {
    const found = t.catalog.find((c) => c.type === type)?.endpoints.find((e) => e.interface === "public")?.url;
    if (!found) throw new Error(`the real Keystone's catalog for ${user} has no public ${type} endpoint`);
    return found;
  };
  return { token: t.token, projectId: t.projectId, compute: url("compute"), csbs: url("data-protect") };
}

export interface JsonReply {
  status: number;
  body: unknown;
}

/** One JSON request; the token is sent as X-Auth-Token when given. */
export async function call(method: string, url: string, token?: string, body?: unknown): Promise<JsonReply> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (token !== undefined) headers["x-auth-token"] = token;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text for the assertion message */
  }
  return { status: res.status, body: parsed };
}

/** A valid CSBS create body: weekly on Monday 02:00 UTC, keep 7, with the given servers. */
export function policyBody(name: string, servers: Array<{ id: string; name: string }> = []): unknown {
  return {
    policy: {
      name,
      description: "real keystone test",
      provider_id: CSBS_PROVIDER,
      parameters: { common: {} },
      resources: servers.map((s) => ({ id: s.id, type: "OS::Nova::Server", name: s.name })),
      scheduled_operations: [
        {
          enabled: true,
          name: "default",
          operation_type: "backup",
          operation_definition: { max_backups: 7 },
          trigger: {
            properties: {
              pattern: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=2;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            },
          },
        },
      ],
    },
  };
}

/** A token with one character in the middle changed (the last one may only be base64 padding). */
export function tamper(token: string): string {
  const i = Math.floor(token.length / 2);
  return token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
}
