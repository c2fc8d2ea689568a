import assert from "node:assert/strict";
import { UpstreamException } from "../../../../localcloud/core/upstream-exception";
import { pythonInt, readListParams } from "../../../../localcloud/karbor/query/list-params";

function refusal(query: string): string {
  try {
    readListParams(new URLSearchParams(query));
  } catch (e) {
    assert.ok(e instanceof UpstreamException);
    return `${e.status} ${e.detail}`;
  }
  throw new Error(`${query} was accepted`);
}

describe("localcloud Karbor list parameters (api/common.py)", () => {
  it("reads text as Python's int() does", () => {
    assert.equal(pythonInt(" +5 "), 5);
    assert.equal(pythonInt("1_000"), 1000);
    assert.equal(pythonInt("-0"), -0);
    for (const bad of ["", "1__0", "_1", "1.0", "0x10", "five"]) assert.equal(pythonInt(bad), undefined, bad);
  });

  it("defaults to 1000 rows sorted by created_at desc, and caps the limit at 1000", () => {
    const p = readListParams(new URLSearchParams("name=x"));
    assert.deepEqual([p.limit, p.marker, p.offset, p.sortKeys, p.sortDirs, p.rest], [1000, null, 0, ["created_at"], ["desc"], [["name", "x"]]]);
    assert.equal(readListParams(new URLSearchParams("limit=5000")).limit, 1000);
  });

  it("pops only the first of a repeated parameter; the repeat stays as a filter", () => {
    const p = readListParams(new URLSearchParams("limit=2&limit=3&marker="));
    assert.deepEqual([p.limit, p.marker, p.rest], [2, "", [["limit", "3"]]]);
  });

  it("splits sort into keys and directions, each direction defaulting to desc", () => {
    const p = readListParams(new URLSearchParams("sort=name:asc, id"));
    assert.deepEqual([p.sortKeys, p.sortDirs], [["name", "id"], ["asc", "desc"]]);
    const old = readListParams(new URLSearchParams("sort_key=name&sort_dir=asc"));
    assert.deepEqual([old.sortKeys, old.sortDirs], [["name"], ["asc"]]);
  });

  it("refuses what upstream refuses, with its words", () => {
    assert.equal(refusal("limit=x"), "400 limit param must be an integer");
    assert.equal(refusal("limit=0"), "400 limit param must be positive");
    assert.equal(refusal("offset=1.5"), "400 offset must be an integer.");
    assert.equal(refusal("offset=-1"), "400 offset must be >= 0");
    assert.equal(refusal("sort=a&sort_dir=asc"), "400 The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be used with the 'sort' parameter.");
  });
});
