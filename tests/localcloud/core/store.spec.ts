import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalStore } from "../../../localcloud/core/store";

interface Item {
  id: string;
  n: number;
  tags?: string[];
}

describe("localcloud store", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lc-store-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("returns deep copies, so callers cannot change stored values by mutation", () => {
    const s = new LocalStore();
    const v: Item = { id: "a", n: 1, tags: ["x"] };
    s.put("items", v);
    v.tags!.push("y");
    const got = s.get<Item>("items", "a")!;
    got.n = 99;
    assert.deepEqual(s.get("items", "a"), { id: "a", n: 1, tags: ["x"] });
  });

  it("lists, deletes and counts per collection", () => {
    const s = new LocalStore();
    s.put("items", { id: "a", n: 1 });
    s.put("items", { id: "b", n: 2 });
    s.put("other", { id: "a", n: 3 });
    s.delete("items", "a");
    assert.deepEqual(s.list("items"), [{ id: "b", n: 2 }]);
    assert.equal(s.count("other"), 1);
    assert.equal(s.get("items", "a"), undefined);
  });

  it("bumps a collection's revision only when its content changes", () => {
    const s = new LocalStore();
    s.put("items", { id: "a", n: 1 });
    const r = s.revision("items");
    s.put("items", { id: "a", n: 1 });
    assert.equal(s.revision("items"), r);
    s.put("items", { id: "a", n: 2 });
    assert.equal(s.revision("items"), r + 1);
  });

  it("rejects a value without an id", () => {
    const s = new LocalStore();
    assert.throws(() => s.put("items", { id: "" }), /no string id/);
  });

  it("replays the journal after a crash without close (every put and delete acknowledged)", () => {
    const a = new LocalStore({ stateDir: dir });
    a.put("items", { id: "a", n: 1 });
    a.put("items", { id: "b", n: 2 });
    a.put("items", { id: "a", n: 3 });
    a.delete("items", "b");
    // no close(): the process "dies" here
    const b = new LocalStore({ stateDir: dir });
    assert.deepEqual(b.list("items"), [{ id: "a", n: 3 }]);
    b.close();
  });

  it("ignores a torn last journal line (a write that was never acknowledged)", () => {
    const a = new LocalStore({ stateDir: dir });
    a.put("items", { id: "a", n: 1 });
    fs.appendFileSync(path.join(dir, "journal.jsonl"), '{"op":"put","c":"items","v":{"id":"b"');
    const b = new LocalStore({ stateDir: dir });
    assert.deepEqual(b.list("items"), [{ id: "a", n: 1 }]);
    b.put("items", { id: "c", n: 2 });
    const c = new LocalStore({ stateDir: dir });
    assert.deepEqual(c.list<Item>("items").map((i) => i.id).sort(), ["a", "c"]);
  });

  it("compacts into a snapshot and still holds everything after a restart", () => {
    const a = new LocalStore({ stateDir: dir, compactAfter: 10 });
    for (let i = 0; i < 35; i++) a.put("items", { id: `i${i}`, n: i });
    a.delete("items", "i0");
    assert.ok(fs.statSync(path.join(dir, "journal.jsonl")).size < 1000, "the journal was truncated by compaction");
    const b = new LocalStore({ stateDir: dir });
    assert.equal(b.count("items"), 34);
    assert.equal(b.get<Item>("items", "i34")?.n, 34);
  });

  it("survives a crash between snapshot and journal truncation (replay over a newer snapshot)", () => {
    const a = new LocalStore({ stateDir: dir });
    a.put("items", { id: "a", n: 1 });
    a.put("items", { id: "a", n: 2 });
    a.delete("items", "a");
    a.put("items", { id: "b", n: 5 });
    const journal = fs.readFileSync(path.join(dir, "journal.jsonl"));
    a.compact();
    // The crash left the whole journal next to the snapshot that already contains it.
    fs.writeFileSync(path.join(dir, "journal.jsonl"), journal);
    const b = new LocalStore({ stateDir: dir });
    assert.deepEqual(b.list("items"), [{ id: "b", n: 5 }]);
  });

  it("batches writes into one journal append, all durable when batch returns", () => {
    const a = new LocalStore({ stateDir: dir });
    a.batch(() => {
      for (let i = 0; i < 100; i++) a.put("items", { id: `i${i}`, n: i });
    });
    const b = new LocalStore({ stateDir: dir });
    assert.equal(b.count("items"), 100);
  });
});
