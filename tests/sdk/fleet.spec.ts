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

  describe("over several profiles' projects", () => {
    const fleet = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);

    it("fills the first profile's project with 32 policies of 64, then the next, keeping every server once in order", () => {
      const ids = fleet(2048 + 100);
      const chunks = spreadServers(ids, { profiles: ["paris", "amsterdam"] });
      const paris = chunks.filter((c) => c.profile === "paris");
      const amsterdam = chunks.filter((c) => c.profile === "amsterdam");
      assert.equal(paris.length, 32);
      assert.ok(paris.every((c) => c.serverIds.length === 64));
      assert.deepEqual(amsterdam.map((c) => c.serverIds.length), [50, 50]);
      assert.deepEqual(chunks.flatMap((c) => c.serverIds), ids);
    });

    it("refuses a fleet that does not fit, saying how many servers fit and how many profiles are missing", () => {
      assert.throws(
        () => spreadServers(fleet(2 * 2048 + 1), { profiles: ["paris", "amsterdam"] }),
        /4097 servers do not fit the projects of 2 profiles \("paris", "amsterdam"\): each holds at most 32 policies of 64 servers \(2048 servers\), 4096 in all; add 1 more profile/,
      );
      assert.throws(() => spreadServers(fleet(10), { profiles: ["a", "b"], maxPoliciesPerProject: 2, maxPerPolicy: 2 }), /10 servers do not fit .* 8 in all/);
    });

    it("refuses no profiles, a profile named twice and a limit below 1", () => {
      assert.throws(() => spreadServers(fleet(3), { profiles: [] }), /`profiles` is empty/);
      assert.throws(() => spreadServers(fleet(3), { profiles: ["a", "a"] }), /names "a" twice/);
      assert.throws(() => spreadServers(fleet(3), { profiles: ["a"], maxPoliciesPerProject: 0 }), /`maxPoliciesPerProject` is 0/);
    });

    it("chunks servers grouped by profile, refusing every profile with more than one project holds", () => {
      const chunks = spreadServers({ paris: fleet(130), amsterdam: ["x"] });
      assert.deepEqual(chunks.map((c) => [c.profile, c.serverIds.length]), [["paris", 44], ["paris", 43], ["paris", 43], ["amsterdam", 1]]);
      assert.throws(() => spreadServers({ paris: fleet(2049), amsterdam: fleet(2) }), /profile "paris" has 2049 servers, more than one project holds \(32 policies of 64 servers: 2048\)/);
    });
  });
});

