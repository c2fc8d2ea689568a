/**
 * Two profiles of the demo project in the cloud's two regions (paris: RegionOne, amsterdam: RegionTwo), for the
 * engine specs that show the service's rules counted per region: a cloud whose demo project has a deployer with
 * a password of its own, the profiles, and the generated program's policy declarations.
 */
import { defaultFixtures } from "../../../localcloud/fixtures/default-fixtures";
import { REGION_ONE, REGION_TWO, startTestCloud, type TestCloud } from "../../support/cloud";
import type { EngineStack } from "../../support/engine";
import { BASIC_SCHEDULE, type PolicyDecl } from "../scenarios/program";
import { profileStack, type ProfileDecl } from "./profile-stack";
import type { ProjectLogin } from "./project-policies";

// A password of its own: the engine blanks secret values out of its output, and "demo" is also the project's name.
export const DEPLOYER: ProjectLogin = { user: "deployer", password: "Dp-regions-5813", project: "demo" };

/** The same project in each region: only the region tells the profiles apart. */
export const REGION_PROFILES: Record<string, ProfileDecl> = {
  paris: { plain: { region: REGION_ONE, projectName: "demo" } },
  amsterdam: { plain: { region: REGION_TWO, projectName: "demo" } },
};

/** A cloud of the default fixtures (both regions) whose demo project also has {@link DEPLOYER}. */
export async function startRegionsCloud(): Promise<TestCloud> {
  const fixtures = defaultFixtures();
  fixtures.projects.find((p) => p.name === "demo")!.users!.push({ name: DEPLOYER.user, password: DEPLOYER.password, roles: ["member"] });
  return startTestCloud({ fixtures });
}

/** A stack of the generated program with {@link REGION_PROFILES}, logged in stack-wide as {@link DEPLOYER}. */
export function regionsStack(cloud: TestCloud, name: string, policies: PolicyDecl[]): Promise<EngineStack> {
  return profileStack(cloud, name, { policies }, REGION_PROFILES, DEPLOYER);
}

/** A policy of `profile` with one association of `servers` (none when empty). */
export function profilePolicy(resource: string, profile: string, servers: string[] = []): PolicyDecl {
  return {
    resource,
    args: { schedule: BASIC_SCHEDULE, retention: { maxBackups: 7 }, profile },
    associations: servers.length > 0 ? [{ resource: `${resource}-servers`, serverIds: servers }] : [],
  };
}
