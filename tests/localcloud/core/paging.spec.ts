import assert from "node:assert/strict";
import fc from "fast-check";
import { paginate, type PagingDialect, type PagingProblem } from "../../../localcloud/core/paging";

class Refused extends Error {
  constructor(readonly problem: PagingProblem) {
    super(problem.kind);
  }
}

function dialect(overrides: Partial<PagingDialect>): PagingDialect {
  return {
    maxLimit: 50,
    minLimit: 1,
    integer: /^\s*-?\d+\s*$/,
    emptyIsAbsent: true,
    offset: false,
    nextLinkWhen: "page-full",
    nextLinkSetsLimit: true,
    refuse: (problem) => new Refused(problem),
    ...overrides,
  };
}

const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${String(i).padStart(3, "0")}` }));

/** Follows next links from the first page; returns every id seen, in order. */
function walk(rows: Array<{ id: string }>, first: string, d: PagingDialect): string[] {
  const seen: string[] = [];
  let query = new URLSearchParams(first);
  for (let guard = 0; guard < 200; guard++) {
    const page = paginate(rows, query, "http://x/list", d);
    seen.push(...page.items.map((r) => r.id));
    if (!page.next) return seen;
    query = new URL(page.next.href).searchParams;
  }
  throw new Error("next links never ended");
}

describe("localcloud paginator", () => {
  it("visits every row exactly once, in order, by following next links, in every dialect", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom<PagingDialect["nextLinkWhen"]>("page-full", "more-follow"),
        fc.boolean(),
        (n, limit, nextLinkWhen, nextLinkSetsLimit) => {
          const rows = rowsOf(n);
          const seen = walk(rows, `limit=${limit}`, dialect({ nextLinkWhen, nextLinkSetsLimit }));
          assert.deepEqual(seen, rows.map((r) => r.id));
        },
      ),
    );
  });

  it("gives a next link on every full page in the page-full dialect, only when rows follow in the more-follow one", () => {
    const rows = rowsOf(10);
    assert.ok(paginate(rows, new URLSearchParams("limit=10"), "u", dialect({ nextLinkWhen: "page-full" })).next);
    assert.equal(paginate(rows, new URLSearchParams("limit=10"), "u", dialect({ nextLinkWhen: "more-follow" })).next, undefined);
    assert.ok(paginate(rows, new URLSearchParams("limit=9"), "u", dialect({ nextLinkWhen: "more-follow" })).next);
  });

  it("caps the page at the dialect's largest page, which is also the page without a limit", () => {
    const rows = rowsOf(120);
    assert.equal(paginate(rows, new URLSearchParams(""), "u", dialect({ maxLimit: 50 })).items.length, 50);
    assert.equal(paginate(rows, new URLSearchParams("limit=100"), "u", dialect({ maxLimit: 50 })).items.length, 50);
  });

  it("reads offset only where the dialect has it, after the marker, and drops it from the next link", () => {
    const rows = rowsOf(10);
    const withOffset = dialect({ offset: true });
    const page = paginate(rows, new URLSearchParams("marker=r001&offset=2&limit=3"), "u", withOffset);
    assert.deepEqual(page.items.map((r) => r.id), ["r004", "r005", "r006"]);
    assert.equal(new URL(`http://h/${page.next!.href}`).searchParams.get("offset"), null);
    assert.deepEqual(paginate(rows, new URLSearchParams("offset=2&limit=3"), "u", dialect({ offset: false })).items.map((r) => r.id), ["r000", "r001", "r002"]);
  });

  it("refuses bad limits, offsets and unknown markers with the dialect's own error", () => {
    const rows = rowsOf(3);
    const cases: Array<[string, PagingDialect, PagingProblem["kind"]]> = [
      ["limit=abc", dialect({}), "limit-not-integer"],
      ["limit=0", dialect({ minLimit: 1 }), "limit-too-small"],
      ["limit=-1", dialect({ integer: /^\d+$/, minLimit: 0 }), "limit-not-integer"],
      ["limit=", dialect({ emptyIsAbsent: false, integer: /^\d+$/ }), "limit-not-integer"],
      ["offset=x", dialect({ offset: true }), "offset-not-integer"],
      ["offset=-2", dialect({ offset: true }), "offset-negative"],
      ["marker=nope", dialect({}), "marker-not-found"],
    ];
    for (const [q, d, kind] of cases) {
      assert.throws(() => paginate(rows, new URLSearchParams(q), "u", d), (e: unknown) => e instanceof Refused && e.problem.kind === kind, q);
    }
    assert.equal(paginate(rows, new URLSearchParams("limit=0"), "u", dialect({ minLimit: 0, integer: /^\d+$/ })).items.length, 0);
    assert.equal(paginate(rows, new URLSearchParams("limit=&marker="), "u", dialect({ emptyIsAbsent: true })).items.length, 3);
  });
});
