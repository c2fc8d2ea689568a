import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../provider/domain/unknown";
import { validateTags } from "../../../provider/domain/tags";
import { onlyFailureOn } from "./helpers";

describe("tags", () => {
  it("accepts up to 10 tags, sorted by key, keys trimmed", () => {
    const result = validateTags({ team: "web", " env ": "prod", empty: "" });
    assert.deepEqual(result.failures, []);
    assert.deepEqual(Object.entries(result.value ?? {}), [["empty", ""], ["env", "prod"], ["team", "web"]]);
  });

  it("treats absent tags as none", () => {
    assert.deepEqual(validateTags(undefined).value, {});
  });

  it("rejects more than 10 tags", () => {
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"]));
    assert.match(onlyFailureOn(validateTags(many).failures, "tags"), /has 11 tags: a policy takes at most 10; remove 1/);
  });

  it("rejects bad keys and values naming the tag", () => {
    assert.match(onlyFailureOn(validateTags({ "my key": "v" }).failures, 'tags["my key"]'), /a tag key must be 1-36 characters/);
    assert.match(onlyFailureOn(validateTags({ k: "a b" }).failures, "tags.k"), /a tag value must be a string of 0-43 characters/);
    assert.match(onlyFailureOn(validateTags({ k: 3 }).failures, "tags.k"), /is 3/);
    assert.equal(validateTags({ ["x".repeat(37)]: "v" }).failures.length, 1);
    assert.equal(validateTags({ k: "v".repeat(44) }).failures.length, 1);
  });

  it("rejects keys that collide once trimmed", () => {
    assert.match(validateTags({ env: "a", " env": "b" }).failures[0]?.message ?? "", /must be unique/);
  });

  it("keeps unknown values", () => {
    assert.deepEqual(validateTags({ team: UNKNOWN }), { value: { team: UNKNOWN }, failures: [], unknowns: ["tags.team"] });
    assert.deepEqual(validateTags(UNKNOWN).unknowns, ["tags"]);
  });
});
