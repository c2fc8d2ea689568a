/**
 * Where a fleet's policies landed, read straight from each profile's project through its region's CSBS API (as a
 * member of that project, not through the provider), so the bench records that every profile's policies are in
 * its own project and region, and the smoke test can check it.
 */
import { login } from "../tests/support/cloud";
import type { LocalCloud } from "../localcloud";
import type { FleetProfile } from "./fleet";

/** One project's policies after an up. */
export interface LandedPolicies {
  profile: string;
  project: string;
  region: string;
  /** The policies' names, sorted. */
  policies: string[];
}

async function projectPolicyNames(cloud: LocalCloud, p: FleetProfile): Promise<string[]> {
  const { token, csbs } = await login(cloud, p.project.user, p.project.password, p.project.name, p.project.region);
  if (!csbs) throw new Error(`the catalog of project ${p.project.name} lists no data-protect endpoint in ${p.project.region}`);
  const res = await fetch(`${csbs}/policies`, { headers: { "x-auth-token": token } });
  if (!res.ok) throw new Error(`listing the policies of project ${p.project.name} in ${p.project.region} → ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { policies: Array<{ name: string }> };
  return body.policies.map((x) => x.name).sort();
}

export async function landedPolicies(cloud: LocalCloud, profiles: readonly FleetProfile[]): Promise<LandedPolicies[]> {
  const out: LandedPolicies[] = [];
  for (const p of profiles) {
    out.push({ profile: p.profile, project: p.project.name, region: p.project.region, policies: await projectPolicyNames(cloud, p) });
  }
  return out;
}
