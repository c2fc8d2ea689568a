import * as assert from "node:assert/strict";
import { asBoolean, asInteger, isRecord } from "../../../provider/domain/coerce";

describe("coerce", () => {
  it("reads integers given as numbers or digit strings", () => {
    assert.equal(asInteger(3), 3);
    assert.equal(asInteger("3"), 3);
    assert.equal(asInteger("-1"), -1);
  });

  it("rejects non-integers and ambiguous text", () => {
    for (const v of [3.5, "3.5", "3e2", "", "three", NaN, Infinity, true, null, [3]]) assert.equal(asInteger(v), undefined, String(v));
  });

  it("reads booleans in the spellings APIs use", () => {
    assert.equal(asBoolean("False"), false);
    assert.equal(asBoolean("true"), true);
    assert.equal(asBoolean(false), false);
    assert.equal(asBoolean("yes"), undefined);
    assert.equal(asBoolean(1), undefined);
  });

  it("tells plain objects from lists and null", () => {
    assert.ok(isRecord({}));
    assert.ok(!isRecord([]));
    assert.ok(!isRecord(null));
  });
});
