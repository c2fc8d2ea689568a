/**
 * The frame every example test shares: a fresh local cloud, the example's servers and its stack before the tests,
 * both disposed after; and the checks every example ends with (its policy in the cloud, destroy leaves none).
 */
import * as assert from "node:assert/strict";
import type { CsbsPolicy } from "../../provider/wire/csbs";
import { startTestCloud, type TestCloud } from "../support/cloud";
import type { EngineStack } from "../support/engine";
import { policies, policyNamed } from "./cloud-api";
import { exampleStack, type ExampleStackOptions } from "./example-stack";

/** Filled in by the `before` hook of {@link exampleOnCloud}. */
export interface ExampleOnCloud {
  cloud: TestCloud;
  stack: EngineStack;
  /** The server ids the example's `serverIds` config holds. */
  servers: string[];
}

/**
 * Registers hooks that start a cloud, pick the example's servers on it and create the example's stack.
 * @param pickServers returns the server ids for the example's config (it may add servers to the cloud first)
 */
export function exampleOnCloud(example: string, pickServers: (cloud: TestCloud) => Promise<string[]>, opts: ExampleStackOptions = {}): ExampleOnCloud {
  const ctx = {} as ExampleOnCloud;
  before(async () => {
    ctx.cloud = await startTestCloud();
    ctx.servers = await pickServers(ctx.cloud);
    ctx.stack = await exampleStack(example, ctx.cloud, ctx.servers, opts);
  });
  after(async () => {
    ctx.stack?.dispose();
    await ctx.cloud?.close();
  });
  return ctx;
}

/** `pulumi up`, which must succeed; then the policy named by the stack's `policyName` output, read from the cloud. */
export async function upAndReadPolicy(ctx: ExampleOnCloud): Promise<{ policy: CsbsPolicy; outputs: Record<string, unknown> }> {
  const up = await ctx.stack.up();
  assert.equal(up.code, 0, up.output);
  const outputs = await ctx.stack.outputs();
  return { policy: await policyNamed(ctx.cloud, String(outputs.policyName)), outputs };
}

/** The policy's tags as a record, without the provider's ownership marker (provider/backends/ownership-marker.ts). */
export function userTags(policy: CsbsPolicy): Record<string, string> {
  return Object.fromEntries((policy.tags ?? []).filter((t) => t.key !== "pulumi-csbs-owner").map((t) => [t.key, t.value]));
}

/** The test every example ends with: destroy succeeds and leaves the project without policies. */
export function itDestroysEverything(ctx: ExampleOnCloud, title = "destroys the policy and the association"): void {
  it(title, async () => {
    const destroy = await ctx.stack.destroy();
    assert.equal(destroy.code, 0, destroy.output);
    assert.deepEqual(await policies(ctx.cloud), []);
  });
}
