/**
 * The fleet-growth section when BENCH_FLEET_PROFILES=none: nothing is prepared and nothing is run, and the rest of
 * the bench goes on. The context is a trap that throws on any use, so a section that still touched the cloud,
 * the stacks or the timed operation would fail here.
 */
import * as assert from "node:assert/strict";
import { prepareFleetGrowth, runFleetGrowth, type FleetGrowthContext } from "../../bench/fleet-growth";
import { scaleFromEnv } from "../../bench/scale";

function untouchable<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_t, key) => {
      throw new Error(`the section used ${name}.${String(key)}`);
    },
  });
}

describe("bench fleet-growth section with BENCH_FLEET_PROFILES=none", () => {
  const context = (): FleetGrowthContext => ({
    cloud: untouchable("cloud"),
    scale: scaleFromEnv({ BENCH_FLEET_PROFILES: "none" }),
    op: () => Promise.reject(new Error("the section ran an operation")),
    stacks: untouchable("stacks"),
    say: () => undefined,
  });

  it("reads no profile counts from the setting", () => {
    assert.deepEqual(context().scale.fleetProfiles, []);
  });

  it("prepares no project and no stack", async () => {
    assert.equal(await prepareFleetGrowth(context()), undefined);
  });

  it("measures no size, so the results say the section did not run", async () => {
    const ctx = context();
    assert.deepEqual(await runFleetGrowth(ctx, await prepareFleetGrowth(ctx)), { sizes: [] });
  });
});
