import * as assert from "node:assert/strict";
import { Memo, MemoMap } from "../../../provider/runtime/memo";

describe("memo", () => {
  it("starts the work once for every caller while it succeeds", async () => {
    const memo = new Memo<number>();
    let starts = 0;
    const start = async () => ++starts;
    assert.deepEqual(await Promise.all([memo.get(start), memo.get(start)]), [1, 1]);
    assert.equal(await memo.get(start), 1);
  });

  it("forgets a rejected promise, so the next caller starts again", async () => {
    const memo = new Memo<number>();
    await assert.rejects(memo.get(async () => Promise.reject(new Error("blip"))), /blip/);
    assert.equal(await memo.get(async () => 2), 2);
  });

  it("forgets a replacement that rejects, and keeps one that resolves", async () => {
    const memo = new Memo<number>();
    await memo.get(async () => 1);
    memo.set(Promise.reject(new Error("derived failed")));
    await assert.rejects(memo.peek() ?? Promise.resolve(0), /derived failed/);
    await new Promise((r) => setImmediate(r));
    assert.equal(memo.peek(), undefined);
    memo.set(Promise.resolve(3));
    assert.equal(await memo.get(async () => 4), 3);
  });

  it("keeps one memo per key", async () => {
    const memos = new MemoMap<string, string>();
    assert.equal(await memos.get("a", async () => "first a"), "first a");
    assert.equal(await memos.get("b", async () => "first b"), "first b");
    assert.equal(await memos.get("a", async () => "second a"), "first a");
    memos.delete("a");
    assert.equal(await memos.get("a", async () => "third a"), "third a");
  });
});
