import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { collection } from "../../../localcloud/core/collection";
import { LocalStore } from "../../../localcloud/core/store";

interface Item {
  id: string;
  n: number;
  tags?: string[];
}

const ITEMS = collection<Item>("items");
const OTHER = collection<Item>("other");

describe("localcloud store", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lc-store-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("returns deep copies, so callers cannot change stored values by mutation", () => {
    const s = new LocalStore();
    const v: Item = { id: "a", n: 1, tags: ["x"] };
    s.put(ITEMS, v);
    v.tags!.push("y");
    const got = s.get(ITEMS, "a")!;
    got.n = 99;
    assert.deepEqual(s.get(ITEMS, "a"), { id: "a", n: 1, tags: ["x"] });
  });

  it("lists, deletes and counts per collection", () => {
    const s = new LocalStore();
    s.put(ITEMS, { id: "a", n: 1 });
    s.put(ITEMS, { id: "b", n: 2 });
    s.put(OTHER, { id: "a", n: 3 });
    s.delete(ITEMS, "a");
    assert.deepEqual(s.list(ITEMS), [{ id: "b", n: 2 }]);
    assert.equal(s.count(OTHER), 1);
    assert.equal(s.get(ITEMS, "a"), undefined);
  });

  it("bumps a collection's revision only when its content changes", () => {
    const s = new LocalStore();
    s.put(ITEMS, { id: "a", n: 1 });
    const r = s.revision(ITEMS);
    s.put(ITEMS, { id: "a", n: 1 });
    assert.equal(s.revision(ITEMS), r);
    s.put(ITEMS, { id: "a", n: 2 });
    assert.equal(s.revision(ITEMS), r + 1);
  });

  it("rejects a value without an id", () => {
    const s = new LocalStore();
    assert.throws(() => s.put(ITEMS, { id: "", n: 0 }), /no string id/);
  });

  it("replays the journal after a crash without close (every put and delete acknowledged)", () => {
    const a = new LocalStore({ stateDir: dir });
    a.put(ITEMS, { id: "a", n: 1 });
    a.put(ITEMS, { id: "b", n: 2 });
    a.put(ITEMS, { id: "a", n: 3 });
    a.delete(ITEMS, "b");
    // no close(): the process "dies" here
    const b = new LocalStore({ stateDir: dir });
    assert.deepEqual(b.list(ITEMS), [{ id: "a", n: 3 }]);
    b.close();
  });

  it("ignores a torn last journal line (a write that was never acknowledged)", () => {
    const a = new LocalStore({ stateDir: dir });
    a.put(ITEMS, { id: "a", n: 1 });
    fs.appendFileSync(path.join(dir, "journal.jsonl"), '{"op":"put","c":"items","v":{"id":"b"');
    const b = new LocalStore({ stateDir: dir });
    assert.deepEqual(b.list(ITEMS), [{ id: "a", n: 1 }]);
    b.put(ITEMS, { id: "c", n: 2 });
    const c = new LocalStore({ stateDir: dir });
    assert.deepEqual(c.list(ITEMS).map((i) => i.id).sort(), ["a", "c"]);
  });

  it("compacts into a snapshot and still holds everything after a restart", () => {
    const a = new LocalStore({ stateDir: dir, compactAfter: 10 });
    for (let i = 0; i < 35; i++) a.put(ITEMS, { id: `i${i}`, n: i });
    a.delete(ITEMS, "i0");
    assert.ok(fs.statSync(path.join(dir, "journal.jsonl")).size < 1000, "the journal was truncated by compaction");
    const b = new LocalStore({ stateDir: dir });
    assert.equal(b.count(ITEMS), 34);
    assert.equal(b.get(ITEMS, "i34")?.n, 34);
  });

  it("survives a crash between snapshot and journal truncation (replay over a newer snapshot)", () => {
    const a = new LocalStore({ stateDir: dir });
    a.put(ITEMS, { id: "a", n: 1 });
    a.put(ITEMS, { id: "a", n: 2 });
    a.delete(ITEMS, "a");
    a.put(ITEMS, { id: "b", n: 5 });
    const journal = fs.readFileSync(path.join(dir, "journal.jsonl"));
    a.compact();
    // The crash left the whole journal next to the snapshot that already contains it.
    fs.writeFileSync(path.join(dir, "journal.jsonl"), journal);
    const b = new LocalStore({ stateDir: dir });
    assert.deepEqual(b.list(ITEMS), [{ id: "b", n: 5 }]);
  });

  it("batches writes into one journal append, all durable when batch returns", () => {
    const a = new LocalStore({ stateDir: dir });
    a.batch(() => {
      for (let i = 0; i < 100; i++) a.put(ITEMS, { id: `i${i}`, n: i });
    });
    const b = new LocalStore({ stateDir: dir });
    assert.equal(b.count(ITEMS), 100);
  });
});
