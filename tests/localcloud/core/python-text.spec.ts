import assert from "node:assert/strict";
import { pythonInt, pythonUrlencode, withMarkerLast } from "../../../localcloud/core/python-text";

describe("localcloud Python query text", () => {
  it("reads text as Python's int() does: blanks, a sign and single underscores, nothing else", () => {
    assert.deepEqual(["7", " +5 ", "-3", "1_000", "007"].map(pythonInt), [7, 5, -3, 1000, 7]);
    for (const bad of ["", " ", "1__0", "_1", "1_", "1.0", "0x10", "1e3", "five"]) assert.equal(pythonInt(bad), undefined, bad);
  });

  it("encodes as urlencode with quote_plus: a space is +, only letters, digits and _.-~ stay", () => {
    assert.equal(pythonUrlencode([["sort", "name:asc"], ["q", "a b*(c)~!'"]]), "sort=name%3Aasc&q=a+b%2A%28c%29~%21%27");
  });

  it("moves marker to the end of a next link's query, replacing every earlier one", () => {
    assert.equal(withMarkerLast(new URLSearchParams("marker=a&limit=2&marker=b&name=x"), "c"), "limit=2&name=x&marker=c");
  });
});
