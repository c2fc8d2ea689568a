/**
 * The provider hooks, called in-process as the engine calls them, pointed at a fresh local cloud as the `demo`
 * member user, with nothing of another test left in the provider runtime (sessions, deployment, connections);
 * plus what the specs that use it read: the cloud's request log and the check hook's accepted inputs.
 */
import * as assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import { resetProviderRuntime } from "../../../../provider/runtime/provider-runtime";
import { admin, demoStackConfig, startTestCloud, type TestCloud } from "../../../support/cloud";
import { CsbsDirect } from "../../../engine/provider/scenario-support";

export type Props = Record<string, unknown>;

/** One entry of the cloud's request log (`GET /_localcloud/requests`). */
export interface LoggedRequest {
  method: string;
  path: string;
  service: string;
  status: number;
  faulted?: string;
}

export interface HooksCloud {
  cloud: TestCloud;
  /** The cloud's CSBS API as the demo user, to arrange and inspect what the hooks did. */
  api: CsbsDirect;
  /** Ids of the demo project's servers by name. */
  servers: Record<string, string>;
  /** Every request the cloud answered since the start or the last {@link HooksCloud.forgetRequests}. */
  requests(): Promise<LoggedRequest[]>;
  /** Empties the request log, so a test counts only what follows. */
  forgetRequests(): Promise<void>;
}

export async function startHooksCloud(): Promise<HooksCloud> {
  const cloud = await startTestCloud();
  const { config, secrets } = demoStackConfig(cloud);
  const all: Record<string, string> = { ...config, ...secrets };
  resetProviderRuntime((key) => all[key]);
  const api = await CsbsDirect.login(cloud);
  const demo = cloud.fixtures.projects.find((p) => p.name === "demo")!;
  return {
    cloud,
    api,
    servers: Object.fromEntries(demo.servers.map((s) => [s.name, s.id])),
    requests: async () => (await admin<{ requests: LoggedRequest[] }>(cloud, "GET", "/requests")).requests,
    forgetRequests: async () => void (await admin(cloud, "DELETE", "/requests")),
  };
}

export async function stopHooksCloud(cloud: TestCloud | undefined): Promise<void> {
  resetProviderRuntime();
  await cloud?.close();
}

/**
 * Registers hooks that give every test of the enclosing describe a fresh {@link HooksCloud} (`"test"`), or one
 * for the whole describe (`"suite"`), with an empty request log; the returned object is filled in before each.
 */
export function hooksCloudPer(scope: "test" | "suite"): HooksCloud {
  const ctx = {} as HooksCloud;
  const [setUp, tearDown] = scope === "test" ? [beforeEach, afterEach] : [before, after];
  setUp(async () => {
    Object.assign(ctx, await startHooksCloud());
    await ctx.forgetRequests();
  });
  tearDown(() => stopHooksCloud(ctx.cloud));
  return ctx;
}

/** A check hook (BackupPolicy's or PolicyAssociation's). */
export type CheckHook = (olds: Props, news: Props) => Promise<pulumi.dynamic.CheckResult>;

/** The inputs `check` accepts, as the engine needs them before a create or update; fails the test on failures. */
export async function checkedInputs(check: CheckHook, news: Props, olds: Props = {}): Promise<Props> {
  const result = await check(olds, news);
  assert.deepEqual(result.failures ?? [], [], String(news.__resourceName ?? ""));
  return result.inputs as Props;
}
