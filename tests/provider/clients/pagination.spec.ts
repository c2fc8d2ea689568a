import assert from "node:assert/strict";
import { collectPages, nextPageQuery, PageCursor } from "../../../provider/clients/pagination";

describe("pagination", () => {
  it("takes only the query of the next link, whatever host it names", () => {
    assert.deepEqual(nextPageQuery([{ rel: "next", href: "http://internal:8799/v1/p/policies?limit=2&marker=abc" }]), { limit: "2", marker: "abc" });
    assert.equal(nextPageQuery([{ rel: "self", href: "http://x/?marker=1" }]), undefined);
    assert.equal(nextPageQuery(undefined), undefined);
  });

  it("collects every page, keeping the caller's filters", async () => {
    const queries: Array<Record<string, string | undefined>> = [];
    const items = await collectPages<number>({ name: "x" }, async (q) => {
      queries.push(q);
      if (!q.marker) return { items: [1, 2], links: [{ rel: "next", href: "/policies?marker=2" }] };
      if (q.marker === "2") return { items: [3], links: [{ rel: "next", href: "/policies?marker=3" }] };
      return { items: [], links: [] };
    });
    assert.deepEqual(items, [1, 2, 3]);
    assert.deepEqual(queries[1], { name: "x", marker: "2" });
  });

  it("shows each page to the caller as it arrives, before the next page is asked for", async () => {
    const events: string[] = [];
    await collectPages<number>(
      {},
      async (q) => {
        events.push(`ask ${q.marker ?? "first"}`);
        return q.marker ? { items: [3] } : { items: [1, 2], links: [{ rel: "next", href: "/p?marker=2" }] };
      },
      (page) => events.push(`page ${page.join(",")}`),
    );
    assert.deepEqual(events, ["ask first", "page 1,2", "ask 2", "page 3"]);
  });

  it("stops when a server repeats the same next link", async () => {
    let calls = 0;
    const items = await collectPages<number>({}, async () => {
      calls++;
      return { items: [calls], links: [{ rel: "next", href: "/p?marker=same" }] };
    });
    assert.equal(calls, 2);
    assert.deepEqual(items, [1, 2]);
  });

  describe("PageCursor", () => {
    const twoPages = (queries: string[], fail: { once?: string } = {}) =>
      new PageCursor<number>({}, async (q) => {
        const at = q.marker ?? "first";
        queries.push(at);
        if (fail.once === at) {
          fail.once = undefined;
          throw new Error(`page ${at} failed`);
        }
        return q.marker ? { items: [3] } : { items: [1, 2], links: [{ rel: "next", href: "/p?marker=2" }] };
      });

    it("asks for a page only when its reader wants the next one", async () => {
      const queries: string[] = [];
      const cursor = twoPages(queries);
      assert.deepEqual(await cursor.next(), [1, 2]);
      assert.deepEqual(queries, ["first"]);
      assert.equal(cursor.done, false);
      assert.deepEqual(await cursor.next(), [3]);
      assert.equal(cursor.done, true);
      assert.deepEqual(await cursor.next(), []);
      assert.deepEqual(queries, ["first", "2"]);
    });

    it("asks for the same page again after its request failed, not the one after it", async () => {
      const queries: string[] = [];
      const cursor = twoPages(queries, { once: "2" });
      await cursor.next();
      await assert.rejects(cursor.next(), /page 2 failed/);
      assert.equal(cursor.done, false);
      assert.deepEqual(await cursor.next(), [3]);
      assert.deepEqual(queries, ["first", "2", "2"]);
    });
  });
});
