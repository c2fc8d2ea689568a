import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { collection } from "../../../localcloud/core/collection";
import { RegionStore, regionCollectionPrefix } from "../../../localcloud/core/region-store";
import { LocalStore } from "../../../localcloud/core/store";

const THINGS = collection<{ id: string; n: number }>("things");

describe("RegionStore (one region's partition of the cloud's store)", () => {
  it("keeps each region's values apart under one collection name", () => {
    const root = new LocalStore();
    const one = new RegionStore(root, regionCollectionPrefix("RegionOne", true));
    const two = new RegionStore(root, regionCollectionPrefix("RegionTwo", false));
    one.put(THINGS, { id: "a", n: 1 });
    two.put(THINGS, { id: "a", n: 2 });
    two.put(THINGS, { id: "b", n: 3 });
    assert.deepEqual(one.list(THINGS), [{ id: "a", n: 1 }]);
    assert.deepEqual(two.get(THINGS, "a"), { id: "a", n: 2 });
    assert.equal(one.has(THINGS, "b"), false);
    assert.equal(two.count(THINGS), 2);
    two.delete(THINGS, "a");
    assert.deepEqual(one.get(THINGS, "a"), { id: "a", n: 1 }, "a delete in RegionTwo leaves RegionOne's value");
  });

  it("gives the first region the plain collection names and lists each region's collections without prefix", () => {
    const root = new LocalStore();
    const one = new RegionStore(root, "");
    const two = new RegionStore(root, regionCollectionPrefix("RegionTwo", false));
    one.put(THINGS, { id: "a", n: 1 });
    two.put(collection<{ id: string }>("others"), { id: "x" });
    assert.deepEqual(root.list(THINGS), [{ id: "a", n: 1 }], "state written before regions existed reads as the first region's");
    assert.deepEqual(root.collections(), ["regions/RegionTwo/others", "things"]);
    assert.deepEqual(one.collections(), ["things"]);
    assert.deepEqual(two.collections(), ["others"]);
    assert.deepEqual(two.entities("others"), [{ id: "x" }]);
  });

  it("counts revisions per region, so a view cached over one region is not rebuilt by another's writes", () => {
    const root = new LocalStore();
    const one = new RegionStore(root, "");
    const two = new RegionStore(root, regionCollectionPrefix("RegionTwo", false));
    const before = one.revision(THINGS);
    two.put(THINGS, { id: "a", n: 1 });
    assert.equal(one.revision(THINGS), before);
    assert.equal(two.revision(THINGS), 1);
  });

  it("survives a restart of a durable store, every region's values in the same journal", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "region-store-"));
    try {
      const first = new LocalStore({ stateDir: dir });
      new RegionStore(first, regionCollectionPrefix("RegionTwo", false)).put(THINGS, { id: "a", n: 2 });
      new RegionStore(first, "").put(THINGS, { id: "a", n: 1 });
      first.close();
      const again = new LocalStore({ stateDir: dir });
      assert.deepEqual(new RegionStore(again, regionCollectionPrefix("RegionTwo", false)).get(THINGS, "a"), { id: "a", n: 2 });
      assert.deepEqual(new RegionStore(again, "").get(THINGS, "a"), { id: "a", n: 1 });
      again.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
