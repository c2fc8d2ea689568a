import * as assert from "node:assert/strict";
import fc from "fast-check";
import { spreadServers } from "../../sdk/fleet";

describe("spreadServers", () => {
  it("splits 130 servers into three chunks of at most 64", () => {
    const ids = Array.from({ length: 130 }, (_, i) => `s${i}`);
    const chunks = spreadServers(ids);
    assert.deepEqual(
      chunks.map((c) => c.length),
      [44, 43, 43],
    );
    assert.deepEqual(chunks.flat(), ids);
  });

  it("returns one chunk for a fleet that fits one policy and none for an empty fleet", () => {
    assert.deepEqual(spreadServers(["a", "b"]), [["a", "b"]]);
    assert.deepEqual(spreadServers([]), []);
  });

  it("honours a smaller maxPerPolicy", () => {
    assert.deepEqual(spreadServers(["a", "b", "c"], { maxPerPolicy: 2 }), [["a", "b"], ["c"]]);
  });

  it("rejects a maxPerPolicy below 1 naming the option", () => {
    assert.throws(() => spreadServers(["a"], { maxPerPolicy: 0 }), /`maxPerPolicy` is 0/);
  });

  it("keeps every server once, in order, in as few balanced chunks as the limit allows", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 400 }), fc.integer({ min: 1, max: 80 }), (ids, max) => {
        const chunks = spreadServers(ids, { maxPerPolicy: max });
        assert.deepEqual(chunks.flat(), ids);
        assert.equal(chunks.length, Math.ceil(ids.length / max));
        const sizes = chunks.map((c) => c.length);
        assert.ok(sizes.every((s) => s >= 1 && s <= max));
        if (sizes.length > 0) assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
      }),
    );
  });
});
