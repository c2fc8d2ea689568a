/**
 * A local cloud for the CLI's profile specs: the demo project holds policy `paris-nightly` (web-000) in RegionOne
 * and policy `ams-nightly` (ams-000, seeded there) in RegionTwo, each created straight through that region's CSBS
 * API, plus a member user whose password the specs give only in a profile.
 */
import { defaultFixtures } from "../../../localcloud/fixtures/default-fixtures";
import { login, REGION_TWO, seedServers, startTestCloud, type TestCloud } from "../../support/cloud";
import { createPolicy, policyBody, session } from "../../localcloud/csbs/support/csbs-session";

/** A member of the demo project whose password appears nowhere but in a profile (and in no name). */
export const PROFILE_USER = { user: "ams-ops", password: "Pw-profile-only-5820" };

export const REGION_ONE_POLICY = "paris-nightly";
export const REGION_TWO_POLICY = "ams-nightly";

/** Starts the cloud and creates one policy in each region. */
export async function twoRegionCloud(): Promise<TestCloud> {
  const fixtures = defaultFixtures();
  fixtures.projects.find((p) => p.name === "demo")!.users!.push({ name: PROFILE_USER.user, password: PROFILE_USER.password, roles: ["member"] });
  const cloud = await startTestCloud({ fixtures });
  await createPolicy(await session(cloud), { name: REGION_ONE_POLICY, servers: ["web-000"] });
  const [ams] = await seedServers(cloud, REGION_TWO, ["ams-000"]);
  const two = await login(cloud, "demo", "demo", "demo", REGION_TWO);
  const body = policyBody(cloud, { name: REGION_TWO_POLICY });
  body.policy.resources = [{ id: ams.id, type: "OS::Nova::Server", name: ams.name }];
  const res = await fetch(`${two.csbs}/policies`, { method: "POST", headers: { "x-auth-token": two.token, "content-type": "application/json" }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`creating ${REGION_TWO_POLICY} in ${REGION_TWO} → ${res.status}: ${await res.text()}`);
  return cloud;
}
