import * as assert from "node:assert/strict";
import { containsUnknown, isUnknown, UNKNOWN } from "../../../provider/domain/unknown";

describe("unknown", () => {
  it("is Pulumi's preview sentinel", () => {
    assert.equal(UNKNOWN, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    assert.ok(isUnknown(UNKNOWN));
    assert.ok(!isUnknown("02:00"));
  });

  it("finds the sentinel nested in lists and objects", () => {
    assert.ok(containsUnknown({ schedule: { times: ["02:00", UNKNOWN] } }));
    assert.ok(!containsUnknown({ schedule: { times: ["02:00"] }, n: 3, x: null }));
  });

  it("does not overflow on adversarially deep nesting", () => {
    let deep: unknown = UNKNOWN;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    assert.equal(containsUnknown(deep), false);
  });
});
