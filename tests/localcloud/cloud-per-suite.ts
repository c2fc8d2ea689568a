/** One local cloud for a whole describe, with the demo user logged in: the frame of the read-mostly API suites. */
import { startTestCloud, type CloudOptions, type TestCloud } from "../support/cloud";
import { tokenFor } from "./http";

/** Filled in by the `before` hook of {@link cloudPerSuite}. */
export interface SuiteCloud {
  cloud: TestCloud;
  /** The demo user's project-scoped token on the demo project. */
  demo: { token: string; projectId: string };
}

/**
 * Registers hooks that start a cloud before the enclosing describe's tests and close it after them.
 * @param options start options of the cloud; @default the default fixtures on a free loopback port
 */
export function cloudPerSuite(options: Partial<NonNullable<CloudOptions>> = {}): SuiteCloud {
  const ctx = {} as SuiteCloud;
  before(async () => {
    ctx.cloud = await startTestCloud(options);
    const { token, projectId } = await tokenFor(ctx.cloud, "demo", "demo", "demo");
    ctx.demo = { token, projectId };
  });
  after(async () => ctx.cloud?.close());
  return ctx;
}
