/**
 * Points the provider hooks, called in-process as the engine calls them, at a fresh local cloud as the `demo`
 * member user, with no session, registry or provider context left over from another test.
 */
import { resetSessions } from "../../../provider/clients/session";
import { resetProviderContext } from "../../../provider/hooks/context";
import { resetRegistry } from "../../../provider/hooks/registry";
import { demoStackConfig, startTestCloud, type TestCloud } from "../../support/cloud";
import { CsbsDirect } from "../../engine/provider/scenario-support";

export interface HooksCloud {
  cloud: TestCloud;
  /** The cloud's CSBS API as the demo user, to arrange and inspect what the hooks did. */
  api: CsbsDirect;
  /** Ids of the demo project's servers by name. */
  servers: Record<string, string>;
}

export async function startHooksCloud(): Promise<HooksCloud> {
  const cloud = await startTestCloud();
  const { config, secrets } = demoStackConfig(cloud);
  const all: Record<string, string> = { ...config, ...secrets };
  resetSessions();
  resetRegistry();
  resetProviderContext((key) => all[key]);
  const api = await CsbsDirect.login(cloud);
  const demo = cloud.fixtures.projects.find((p) => p.name === "demo")!;
  return { cloud, api, servers: Object.fromEntries(demo.servers.map((s) => [s.name, s.id])) };
}

export async function stopHooksCloud(cloud: TestCloud | undefined): Promise<void> {
  resetProviderContext();
  resetRegistry();
  resetSessions();
  await cloud?.close();
}
