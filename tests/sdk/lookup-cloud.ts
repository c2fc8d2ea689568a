/**
 * The frame of the SDK lookup and day-2 operation specs: a fresh local cloud per test (its clock on a Monday)
 * and the connection options that point the SDK at it as the demo user, from stack config only (the test
 * process's own OS_* variables are kept out).
 */
import type { ConnectionOptions } from "../../sdk/connection";
import { admin, demoStackConfig } from "../support/cloud";
import { session, startCloud, type Session } from "../localcloud/csbs/support/csbs-session";
import type { LocalCloud, LocalCloudOptions } from "../../localcloud";

export interface LookupCloud {
  cloud: LocalCloud;
  demo: Session;
  options: ConnectionOptions;
}

/** Connection options for the demo user of `cloud` (extra config such as `csbs:api` may be added). */
export function demoOptions(cloud: LocalCloud, extra: Record<string, string> = {}): ConnectionOptions {
  const { config, secrets } = demoStackConfig(cloud);
  return { config: { ...config, ...secrets, ...extra }, env: {} };
}

/** Registers hooks that give each test a fresh cloud, the demo user's direct session and the SDK's options. */
export function lookupCloudPerTest(extra: LocalCloudOptions = {}): LookupCloud {
  const ctx = {} as LookupCloud;
  beforeEach(async () => {
    ctx.cloud = await startCloud("in-memory", extra);
    ctx.demo = await session(ctx.cloud);
    ctx.options = demoOptions(ctx.cloud);
  });
  afterEach(() => ctx.cloud.close());
  return ctx;
}

/** The cloud's clock. */
export async function cloudNow(cloud: LocalCloud): Promise<Date> {
  return new Date((await admin<{ now: string }>(cloud, "GET", "/clock")).now);
}

/** Requests the cloud received with this method whose path ends with `suffix`. */
export async function requestsTo(cloud: LocalCloud, method: string, suffix: string): Promise<number> {
  const log = await admin<{ requests: Array<{ method: string; path: string }> }>(cloud, "GET", "/requests");
  return log.requests.filter((r) => r.method === method && r.path.endsWith(suffix)).length;
}
