/**
 * Starts a local CSBS cloud for a test on a free loopback port, and talks to its admin API.
 * Tests reach it over real HTTP; the provider (in the engine's process) does too.
 */
import { startLocalCloud } from "../../localcloud";
import { passwordAuthBody } from "./password-auth";

export type TestCloud = Awaited<ReturnType<typeof startLocalCloud>>;
export type CloudOptions = Parameters<typeof startLocalCloud>[0];

export async function startTestCloud(options: Partial<NonNullable<CloudOptions>> = {}): Promise<TestCloud> {
  return startLocalCloud({ port: 0, host: "127.0.0.1", ...options } as NonNullable<CloudOptions>);
}

/** Stack config that points the provider at the cloud as the `demo` member user. */
export function demoStackConfig(cloud: TestCloud, user = "demo", project = "demo"): {
  config: Record<string, string>;
  secrets: Record<string, string>;
} {
  return {
    config: {
      "csbs:authUrl": cloud.authUrl,
      "csbs:userName": user,
      "csbs:projectName": project,
      "csbs:userDomainName": "Default",
      "csbs:projectDomainName": "Default",
      "csbs:region": "RegionOne",
    },
    secrets: { "csbs:password": user === "demo-reader" ? "demo" : user },
  };
}

/** The header every admin write carries (the cloud refuses admin writes without it: no cross-site requests). */
export const ADMIN_HEADERS: Readonly<Record<string, string>> = { "x-localcloud-admin": "1" };

/** Calls the admin API (`/_localcloud/...`) and returns the parsed JSON body; throws on a non-2xx. */
export async function admin<T = unknown>(cloud: TestCloud, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${cloud.url}/_localcloud${path}`, {
    method,
    headers: body === undefined ? { ...ADMIN_HEADERS } : { ...ADMIN_HEADERS, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`admin ${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Issues a token for a user of the built-in Keystone; returns the token and the project's CSBS base URL. */
export async function login(
  cloud: TestCloud,
  user = "demo",
  password = "demo",
  project = "demo",
): Promise<{ token: string; projectId: string; csbs: string; compute: string }> {
  const res = await fetch(`${cloud.authUrl}/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: passwordAuthBody(user, password, project),
  });
  if (res.status !== 201) throw new Error(`login as ${user} failed: ${res.status} ${await res.text()}`);
  const token = res.headers.get("x-subject-token") ?? "";
  const body = (await res.json()) as {
    token: { project: { id: string }; catalog: Array<{ type: string; endpoints: Array<{ interface: string; url: string }> }> };
  };
  const url = (type: string) =>
    body.token.catalog.find((c) => c.type === type)?.endpoints.find((e) => e.interface === "public")?.url ?? "";
  return { token, projectId: body.token.project.id, csbs: url("data-protect"), compute: url("compute") };
}
