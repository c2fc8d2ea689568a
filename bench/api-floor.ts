/**
 * The API floor of a no-op preview: the wall time of the calls a preview of this stack cannot avoid, made
 * directly from here over plain HTTP with nothing else around them: one token and the project's policy listing
 * (the one-policy-per-server and 64-per-policy rules read it). No Nova or Cinder listing: a preview that adds no
 * server to a policy judges no server's state (association-rules.ts `serversToVerify`); no quota read: a preview
 * that creates no policy does not need the quota (policy-hooks.ts). The pulumi-csbs preview minus the baseline
 * preview is compared with this: what is left over is the provider's own overhead.
 */
import type { LocalCloud } from "../localcloud";
import type { BenchProject } from "./bench-cloud";

interface Catalog {
  token: { catalog: Array<{ type: string; endpoints: Array<{ interface: string; region?: string; url: string }> }> };
}

async function getJson(url: string, token: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, { headers: { "x-auth-token": token } });
  if (!res.ok) throw new Error(`API floor: GET ${url} → ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Follows `<key>_links` rel=next until the last page, as the provider's pagination does. */
async function listAll(url: string, key: string, token: string): Promise<number> {
  let next: string | undefined = url;
  let items = 0;
  while (next) {
    const body = await getJson(next, token);
    items += (body[key] as unknown[]).length;
    const links = body[`${key}_links`] as Array<{ rel: string; href: string }> | undefined;
    next = links?.find((l) => l.rel === "next")?.href;
  }
  return items;
}

/** One pass of the floor's calls; returns its wall time in ms. */
async function onePass(cloud: LocalCloud, project: BenchProject): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${cloud.authUrl}/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      auth: {
        identity: { methods: ["password"], password: { user: { name: project.user, domain: { name: "Default" }, password: project.password } } },
        scope: { project: { name: project.name, domain: { name: "Default" } } },
      },
    }),
  });
  if (res.status !== 201) throw new Error(`API floor: token request → ${res.status}`);
  const token = res.headers.get("x-subject-token") ?? "";
  const catalog = ((await res.json()) as Catalog).token.catalog;
  const url = (type: string) => catalog.find((c) => c.type === type)?.endpoints.find((e) => e.interface === "public" && e.region === project.region)?.url ?? "";
  await listAll(`${url("data-protect")}/policies`, "policies", token);
  return performance.now() - started;
}

/**
 * The fastest of `repeat` passes, in ms; a pass over several projects (the stack's profiles) makes each
 * project's calls at once, as the provider's hooks of different projects run side by side.
 */
export async function noopPreviewApiFloorMs(cloud: LocalCloud, projects: readonly BenchProject[], repeat: number): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < Math.max(1, repeat); i++) {
    const started = performance.now();
    await Promise.all(projects.map((project) => onePass(cloud, project)));
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
