/**
 * What one project holds, read straight from its data-protection API (CSBS policies or Karbor plans) as a
 * member of it, so a test sees where the engine put each policy without going through the provider.
 */
import { login, type TestCloud } from "../../support/cloud";

/** A live policy or plan: its name and servers (sorted). */
export interface LivePolicy {
  id: string;
  name: string;
  servers: string[];
}

/** A member of one fixture project. */
export interface ProjectLogin {
  user: string;
  password: string;
  project: string;
}

interface WirePolicy {
  id: string;
  name: string;
  resources?: Array<{ id: string; type?: string }>;
}

/** The policies (plans) of `who`'s project at the data-protection endpoint its catalog gives in `region` (default: the first). */
export async function projectPolicies(cloud: TestCloud, who: ProjectLogin, region?: string): Promise<LivePolicy[]> {
  const { token, csbs } = await login(cloud, who.user, who.password, who.project, region);
  const karbor = csbs.includes("/karbor/");
  const res = await fetch(`${csbs}${karbor ? "/plans" : "/policies"}`, { headers: { "x-auth-token": token } });
  if (!res.ok) throw new Error(`listing the policies of project ${who.project} → ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { policies?: WirePolicy[]; plans?: WirePolicy[] };
  return (body.policies ?? body.plans ?? []).map((p) => ({
    id: p.id,
    name: p.name,
    // A new Karbor plan holds the project itself as a placeholder until its servers are written.
    servers: (p.resources ?? []).filter((r) => r.type === undefined || r.type === "OS::Nova::Server").map((r) => r.id).sort(),
  }));
}
