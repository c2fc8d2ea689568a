import * as assert from "node:assert/strict";
import { addServers, policies, serverIds } from "./cloud-api";
import { exampleOnCloud, itDestroysEverything } from "./example-on-cloud";
import { patternRuns } from "./pattern-runs";

describe("examples/large-fleet", function () {
  this.timeout(600_000);
  const ctx = exampleOnCloud("large-fleet", async (cloud) => {
    // The default fixtures have 100 web servers; 50 more make the 150 of the example.
    await addServers(cloud, "fleet", 50);
    return serverIds(cloud, [
      ...Array.from({ length: 100 }, (_, i) => `web-${String(i).padStart(3, "0")}`),
      ...Array.from({ length: 50 }, (_, i) => `fleet-${String(i).padStart(3, "0")}`),
    ]);
  });

  it("spreads 150 servers over 3 policies of at most 64, each server in exactly one, runs an hour apart", async () => {
    const up = await ctx.stack.up();
    assert.equal(up.code, 0, up.output);
    const inCloud = await policies(ctx.cloud);
    assert.equal(inCloud.length, 3, inCloud.map((p) => p.name).join(", "));
    for (const p of inCloud) assert.ok(p.resources.length <= 64, `${p.name} holds ${p.resources.length} servers`);
    const held = inCloud.flatMap((p) => p.resources.map((r) => r.id));
    assert.equal(held.length, 150);
    assert.deepEqual([...held].sort(), [...ctx.servers].sort());
    const runs = inCloud.map((p) => patternRuns(p.scheduled_operations[0].trigger.properties.pattern)[0]).sort();
    assert.deepEqual(runs, ["every 1 days 01:00", "every 1 days 02:00", "every 1 days 03:00"]);
    assert.deepEqual((await ctx.stack.outputs()).serversPerPolicy, [50, 50, 50]);
  });

  itDestroysEverything(ctx, "destroys all three policies and their associations");
});
