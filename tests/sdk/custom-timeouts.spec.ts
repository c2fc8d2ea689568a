import * as assert from "node:assert/strict";
import { durationMs, timeoutsOf } from "../../sdk/custom-timeouts";

describe("customTimeouts for the provider", () => {
  it("reads Go durations as Pulumi writes them", () => {
    assert.equal(durationMs("30m"), 1_800_000);
    assert.equal(durationMs("1h30m"), 5_400_000);
    assert.equal(durationMs("1.5h"), 5_400_000);
    assert.equal(durationMs("90s"), 90_000);
    assert.equal(durationMs("250ms"), 250);
  });

  it("leaves out what is not a duration, so the provider keeps its default", () => {
    for (const text of ["", "10", "ten minutes", "-5m", "0s", undefined]) assert.equal(durationMs(text), undefined, String(text));
    assert.deepEqual(timeoutsOf({ customTimeouts: { create: "5m", update: "1m" } }), { create: 300_000 });
    assert.deepEqual(timeoutsOf(undefined), {});
  });
});
