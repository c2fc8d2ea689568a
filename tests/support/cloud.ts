/**
 * Starts a local CSBS cloud for a test on a free loopback port, and talks to its admin API.
 * Tests reach it over real HTTP; the provider (in the engine's process) does too.
 */
import { startLocalCloud } from "../../localcloud";
import type { ServerFixtureSpec } from "../../localcloud/fixtures/fixtures-format";
import { passwordAuthBody } from "./password-auth";

export type TestCloud = Awaited<ReturnType<typeof startLocalCloud>>;
export type CloudOptions = Parameters<typeof startLocalCloud>[0];

export async function startTestCloud(options: Partial<NonNullable<CloudOptions>> = {}): Promise<TestCloud> {
  return startLocalCloud({ port: 0, host: "127.0.0.1", ...options } as NonNullable<CloudOptions>);
}

/** The default fixtures' regions: every cloud a test starts without `regions` has both. */
export const REGION_ONE = "RegionOne";
export const REGION_TWO = "RegionTwo";

/** Stack config that points the provider at the cloud as the `demo` member user (in `region`, RegionOne by default). */
export function demoStackConfig(cloud: TestCloud, user = "demo", project = "demo", region = REGION_ONE): {
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
      "csbs:region": region,
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

/** `path` with `?region=<region>` (or `&region=`) added: the admin API's way of naming a region. */
export function inRegion(path: string, region: string | undefined): string {
  if (region === undefined) return path;
  return `${path}${path.includes("?") ? "&" : "?"}region=${encodeURIComponent(region)}`;
}

/** {@link admin} against one region's admin API (its clock, faults, fixtures, state and CSBS settings). */
export function regionAdmin<T = unknown>(cloud: TestCloud, region: string, method: string, path: string, body?: unknown): Promise<T> {
  return admin<T>(cloud, method, inRegion(path, region), body);
}

/** A server to seed: a name (ACTIVE, one 40 GB system disk) or a full fixture spec. */
export type SeedServer = string | ServerFixtureSpec;

/**
 * Adds servers to `project` (demo by default) in `region`, returning their ids by name in the order given.
 * Ids derive from region, project and name (or are the spec's `id`), so seeding twice changes nothing.
 */
export async function seedServers(
  cloud: TestCloud,
  region: string,
  servers: readonly SeedServer[],
  project = "demo",
): Promise<Array<{ id: string; name: string }>> {
  const specs = servers.map((s) => (typeof s === "string" ? { name: s } : s));
  const applied = await regionAdmin<{ projects: Array<{ name: string; servers: Array<{ id: string; name: string }> }> }>(cloud, region, "POST", "/fixtures", {
    projects: [{ name: project, servers: specs }],
  });
  const seeded = applied.projects.find((p) => p.name === project)!.servers;
  return seeded.map(({ id, name }) => ({ id, name }));
}

/** Moves one region's clock forward (each region has its own; the scheduler of that region runs what falls due). */
export async function advanceClock(cloud: TestCloud, seconds: number, region = REGION_ONE): Promise<string> {
  return (await regionAdmin<{ now: string }>(cloud, region, "POST", "/clock", { advanceSeconds: seconds })).now;
}

/** Moves every region's clock forward by the same stretch, region by region (each region's scheduler runs its own). */
export async function advanceAllClocks(cloud: TestCloud, seconds: number): Promise<void> {
  for (const region of cloud.regions) await advanceClock(cloud, seconds, region.name);
}

/**
 * Issues a token for a user of the built-in Keystone; returns the token and the project's endpoints in `region`
 * (the catalog's first region when absent, which is RegionOne).
 */
export async function login(
  cloud: TestCloud,
  user = "demo",
  password = "demo",
  project = "demo",
  region?: string,
): Promise<{ token: string; projectId: string; csbs: string; compute: string; volume: string }> {
  const res = await fetch(`${cloud.authUrl}/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: passwordAuthBody(user, password, project),
  });
  if (res.status !== 201) throw new Error(`login as ${user} failed: ${res.status} ${await res.text()}`);
  const token = res.headers.get("x-subject-token") ?? "";
  const body = (await res.json()) as {
    token: { project: { id: string }; catalog: Array<{ type: string; endpoints: Array<{ interface: string; region: string; url: string }> }> };
  };
  const url = (type: string) =>
    body.token.catalog.find((c) => c.type === type)?.endpoints.find((e) => e.interface === "public" && (region === undefined || e.region === region))?.url ?? "";
  return { token, projectId: body.token.project.id, csbs: url("data-protect"), compute: url("compute"), volume: url("volumev3") };
}
