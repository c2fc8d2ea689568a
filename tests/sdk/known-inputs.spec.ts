import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { knownInputs } from "../../sdk/known-inputs";
import { UNKNOWN } from "../../provider/domain/unknown";

describe("the inputs a program knows at construction", () => {
  it("replaces every Output and Promise, at any depth, by the unknown sentinel and keeps plain values", () => {
    const inputs = {
      name: "daily",
      schedule: { times: ["02:00", pulumi.output("14:00")], timezone: Promise.resolve("UTC") },
      serverIds: [pulumi.output("s1"), "s2"],
      enabled: false,
      tags: null,
    };
    assert.deepEqual(knownInputs(inputs), {
      name: "daily",
      schedule: { times: ["02:00", UNKNOWN], timezone: UNKNOWN },
      serverIds: [UNKNOWN, "s2"],
      enabled: false,
      tags: null,
    });
  });

  it("treats any thenable as not known yet", () => {
    assert.equal(knownInputs({ then: () => undefined }), UNKNOWN);
    assert.equal(knownInputs(7), 7);
  });
});
