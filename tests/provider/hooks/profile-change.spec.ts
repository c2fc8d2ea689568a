import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../provider/domain/unknown";
import { profileOf, profileReplaces } from "../../../provider/hooks/profile-change";

describe("a resource's profile in inputs and state", () => {
  it("is kept only when it names a profile", () => {
    assert.deepEqual(profileOf({ profile: "paris" }), { profile: "paris" });
    assert.deepEqual(profileOf({ profile: "" }), {});
    assert.deepEqual(profileOf({}), {});
    assert.deepEqual(profileOf({ profile: 7 }), {});
  });

  it("replaces the resource when it changes, appears, goes or is not known yet, and not when it stays", () => {
    assert.deepEqual(profileReplaces({ profile: "paris" }, { profile: "amsterdam" }), ["profile"]);
    assert.deepEqual(profileReplaces({}, { profile: "paris" }), ["profile"]);
    assert.deepEqual(profileReplaces({ profile: "paris" }, {}), ["profile"]);
    assert.deepEqual(profileReplaces({ profile: "paris" }, { profile: UNKNOWN }), ["profile"]);
    assert.deepEqual(profileReplaces({ profile: "paris" }, { profile: "paris" }), []);
    assert.deepEqual(profileReplaces({}, {}), [], "state written before profiles existed stays as it is");
  });
});
