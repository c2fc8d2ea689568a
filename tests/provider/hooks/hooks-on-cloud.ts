/**
 * Points the provider hooks, called in-process as the engine calls them, at a fresh local cloud as the `demo`
 * member user, with nothing of another test left in the provider runtime (sessions, deployment, connections) from another test.
 */
import { resetProviderRuntime } from "../../../provider/runtime/provider-runtime";
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
  resetProviderRuntime((key) => all[key]);
  const api = await CsbsDirect.login(cloud);
  const demo = cloud.fixtures.projects.find((p) => p.name === "demo")!;
  return { cloud, api, servers: Object.fromEntries(demo.servers.map((s) => [s.name, s.id])) };
}

export async function stopHooksCloud(cloud: TestCloud | undefined): Promise<void> {
  resetProviderRuntime();
  await cloud?.close();
}
