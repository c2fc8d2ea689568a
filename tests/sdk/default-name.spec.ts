import * as assert from "node:assert/strict";
import { defaultPolicyName } from "../../sdk/default-name";

describe("the default policy name", () => {
  it("is the resource name plus 7 hex characters of sha256(project/stack/resource)", () => {
    // sha256("proj/dev/daily") computed independently with `printf proj/dev/daily | sha256sum`
    assert.equal(defaultPolicyName("proj", "dev", "daily"), "daily-175cc42");
  });

  it("is the same on every call, so preview and up agree", () => {
    assert.equal(defaultPolicyName("p", "s", "r"), defaultPolicyName("p", "s", "r"));
  });

  it("differs between stacks of one project", () => {
    assert.notEqual(defaultPolicyName("p", "dev", "r"), defaultPolicyName("p", "prod", "r"));
  });
});
