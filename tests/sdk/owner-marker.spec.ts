import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { ownerMarker } from "../../sdk/owner-marker";

describe("the ownership marker", () => {
  it("is the first 32 hex characters of sha256(project/stack/resource), the same on every call", () => {
    const expected = createHash("sha256").update("proj/dev/daily").digest("hex").slice(0, 32);
    assert.equal(ownerMarker("proj", "dev", "daily"), expected);
    assert.equal(ownerMarker("proj", "dev", "daily"), ownerMarker("proj", "dev", "daily"));
  });

  it("differs per stack and per resource, and fits a CSBS tag value", () => {
    const m = ownerMarker("proj", "dev", "daily");
    assert.notEqual(m, ownerMarker("proj", "prod", "daily"));
    assert.notEqual(m, ownerMarker("proj", "dev", "weekly"));
    assert.match(m, /^[0-9a-f]{32}$/);
  });
});
