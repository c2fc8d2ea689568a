/**
 * The local cloud the bench runs against: started in this process (so the whole bench is one process tree),
 * with projects of generated servers added through the fixtures admin API.
 */
import { startLocalCloud, type LocalCloud } from "../localcloud";

/** A project of the bench: its user, the region its servers are in, and their ids in fixture order. */
export interface BenchProject {
  name: string;
  /** Keystone's id of the project (the request log's `project`). */
  id: string;
  region: string;
  user: string;
  password: string;
  serverIds: string[];
}

// A Monday afternoon: every policy's run time (00:00–15:30 UTC) is hours away, so no scheduled backup runs
// during the bench and adds load that the baseline does not have.
const CLOCK_START = "2026-01-05T16:00:00Z";

export async function startBenchCloud(): Promise<LocalCloud> {
  return startLocalCloud({ port: 0, host: "127.0.0.1", clock: { start: CLOCK_START } });
}

/** Adds a project with a member user and `servers` ACTIVE servers (one 40 GB system disk each) in `region`. */
export async function addBenchProject(cloud: LocalCloud, name: string, servers: number, region = "RegionOne"): Promise<BenchProject> {
  const password = `${name}-password`;
  const body = {
    projects: [
      {
        name,
        users: [{ name, password, roles: ["member"] }],
        servers: Array.from({ length: servers }, (_, i) => ({ name: `${name}-vm-${String(i).padStart(4, "0")}` })),
      },
    ],
  };
  const res = await fetch(`${cloud.url}/_localcloud/fixtures?region=${encodeURIComponent(region)}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-localcloud-admin": "1" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`adding the bench project ${name} in ${region} through POST /_localcloud/fixtures failed: ${res.status} ${text}`);
  const applied = JSON.parse(text) as { projects: Array<{ id: string; name: string; servers: Array<{ id: string }> }> };
  const project = applied.projects.find((p) => p.name === name);
  if (!project || project.servers.length !== servers) {
    throw new Error(`the local cloud applied ${project?.servers.length ?? 0} of ${servers} servers for project ${name} in ${region}`);
  }
  return { name, id: project.id, region, user: name, password, serverIds: project.servers.map((s) => s.id) };
}

/** Stack config that logs the provider in to a bench project (the password as a secret). */
export function stackConfig(cloud: LocalCloud, project: BenchProject): { config: Record<string, string>; secrets: Record<string, string> } {
  return {
    config: {
      "csbs:authUrl": cloud.authUrl,
      "csbs:userName": project.user,
      "csbs:projectName": project.name,
      "csbs:userDomainName": "Default",
      "csbs:projectDomainName": "Default",
      "csbs:region": project.region,
    },
    secrets: { "csbs:password": project.password },
  };
}

/** Sets one region's CSBS timing knobs (`POST /_localcloud/csbs/settings`), e.g. `{ creatingSeconds: 5 }`; they are per region. */
export async function setCsbsSettings(cloud: LocalCloud, settings: Record<string, number>, region = "RegionOne"): Promise<void> {
  const res = await fetch(`${cloud.url}/_localcloud/csbs/settings?region=${encodeURIComponent(region)}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-localcloud-admin": "1" },
    body: JSON.stringify(settings),
  });
  if (!res.ok) throw new Error(`setting the local cloud's CSBS settings ${JSON.stringify(settings)} in ${region} failed: ${res.status} ${await res.text()}`);
}
