import * as assert from "node:assert/strict";
import { PageCursor } from "../../../provider/clients/pagination";
import { PartialListing } from "../../../provider/hooks/partial-listing";

/** A listing of the letters a–f, two to a page; `asked` records each page read (from 1), `failOnce` the pages whose first read fails. */
function letters(asked: number[], failOnce: number[] = []) {
  const all = ["a", "b", "c", "d", "e", "f"];
  const failing = new Set(failOnce);
  return () =>
    new PageCursor<string>({}, async (query) => {
      const n = Number(query.marker ?? "0") + 1;
      asked.push(n);
      if (failing.delete(n)) throw new Error(`page ${n} down`);
      return { items: all.slice((n - 1) * 2, n * 2), links: n < 3 ? [{ rel: "next", href: `/x?marker=${n}` }] : [] };
    });
}

describe("PartialListing", () => {
  it("reads pages only until every id asked for has been seen", async () => {
    const asked: number[] = [];
    const listing = new PartialListing(letters(asked), (x) => x);
    assert.deepEqual([...(await listing.find(["b", "c"])).keys()], ["b", "c"]);
    assert.deepEqual(asked, [1, 2]);
    assert.equal(listing.ended, false);
    assert.deepEqual([...(await listing.find(["a"])).keys()], ["a"], "a page already read answers without a request");
    assert.deepEqual(asked, [1, 2]);
  });

  it("reads to the end for an id the listing lacks, and answers without it", async () => {
    const asked: number[] = [];
    const listing = new PartialListing(letters(asked), (x) => x);
    assert.deepEqual([...(await listing.find(["a", "zz"])).keys()], ["a"]);
    assert.deepEqual(asked, [1, 2, 3]);
    assert.equal(listing.ended, true);
    assert.deepEqual(await listing.all(), ["a", "b", "c", "d", "e", "f"]);
    assert.deepEqual(asked, [1, 2, 3]);
  });

  it("keeps one page in flight for questions asked at once", async () => {
    const asked: number[] = [];
    const listing = new PartialListing(letters(asked), (x) => x);
    const [first, second] = await Promise.all([listing.find(["a"]), listing.find(["f"])]);
    assert.deepEqual([[...first.keys()], [...second.keys()]], [["a"], ["f"]]);
    assert.deepEqual(asked, [1, 2, 3]);
  });

  it("shows each page to its observer once, as it arrives", async () => {
    const seen: string[][] = [];
    const listing = new PartialListing(letters([]), (x) => x, (page) => seen.push([...page]));
    await listing.find(["c"]);
    await listing.all();
    assert.deepEqual(seen, [["a", "b"], ["c", "d"], ["e", "f"]]);
  });

  it("asks for a failed page again at the next question, and keeps the pages before it", async () => {
    const asked: number[] = [];
    const listing = new PartialListing(letters(asked, [2]), (x) => x);
    await assert.rejects(listing.find(["d"]), /page 2 down/);
    assert.deepEqual([...(await listing.find(["a", "d"])).keys()], ["a", "d"]);
    assert.deepEqual(asked, [1, 2, 2]);
  });
});
