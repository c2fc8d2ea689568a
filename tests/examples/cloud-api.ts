/**
 * What the example tests read from the local cloud, over its real HTTP APIs (Nova, CSBS, admin):
 * they assert on the cloud, not on what the engine says it did.
 */
import type { CsbsPolicy, CsbsPolicyList } from "../../provider/wire/csbs";
import { admin, login, type TestCloud } from "../support/cloud";

interface NovaServer {
  id: string;
  name: string;
  status: string;
}

async function getJson<T>(url: string, token: string): Promise<T> {
  const res = await fetch(url, { headers: { "x-auth-token": token, accept: "application/json" } });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url} → ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Every server of the `demo` project by name, following Nova's pagination links. */
export async function serverIdsByName(cloud: TestCloud): Promise<Map<string, string>> {
  const { token, compute } = await login(cloud);
  const byName = new Map<string, string>();
  let url: string | undefined = `${compute}/servers/detail`;
  while (url) {
    const page: { servers: NovaServer[]; servers_links?: Array<{ rel: string; href: string }> } = await getJson(url, token);
    for (const s of page.servers) byName.set(s.name, s.id);
    url = page.servers_links?.find((l) => l.rel === "next")?.href;
  }
  return byName;
}

/** The ids of the named servers, in the given order; fails naming a server the fixtures lack. */
export async function serverIds(cloud: TestCloud, names: readonly string[]): Promise<string[]> {
  const byName = await serverIdsByName(cloud);
  return names.map((n) => {
    const id = byName.get(n);
    if (!id) throw new Error(`server "${n}" is not in the local cloud's demo project (have ${[...byName.keys()].slice(0, 5).join(", ")}, ...)`);
    return id;
  });
}

/** Adds `count` ACTIVE servers named `${prefix}-000`... to the demo project through the admin API. */
export async function addServers(cloud: TestCloud, prefix: string, count: number): Promise<void> {
  const servers = Array.from({ length: count }, (_, i) => ({
    name: `${prefix}-${String(i).padStart(3, "0")}`,
    status: "ACTIVE",
    volumes: [{ sizeGb: 40, bootable: true, multiattach: false }],
  }));
  await admin(cloud, "POST", "/fixtures", { projects: [{ name: "demo", servers }] });
}

/** Every CSBS policy of the `demo` project, as the API returns it. */
export async function policies(cloud: TestCloud): Promise<CsbsPolicy[]> {
  const { token, csbs } = await login(cloud);
  const all: CsbsPolicy[] = [];
  let url: string | undefined = `${csbs}/policies`;
  while (url) {
    const page: CsbsPolicyList = await getJson(url, token);
    all.push(...page.policies);
    url = page.policies_links?.find((l) => l.rel === "next")?.href;
  }
  return all;
}

/** The one policy with this name; fails listing the names that exist. */
export async function policyNamed(cloud: TestCloud, name: string): Promise<CsbsPolicy> {
  const all = await policies(cloud);
  const found = all.filter((p) => p.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one policy "${name}" in the cloud, found ${found.length} among: ${all.map((p) => p.name).join(", ")}`);
  }
  return found[0];
}

/** The policy's server ids, sorted. */
export function policyServerIds(policy: CsbsPolicy): string[] {
  return policy.resources.map((r) => r.id).sort();
}
