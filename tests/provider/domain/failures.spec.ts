import * as assert from "node:assert/strict";
import { childPath, failure, indexPath, plural, show } from "../../../provider/domain/failures";

describe("failures", () => {
  it("starts every message with the property path in backticks and keeps the rule id apart", () => {
    assert.deepEqual(failure("schedule.times[1]", "schedule.timeFormat", 'is "24:00"'), {
      path: "schedule.times[1]",
      rule: "schedule.timeFormat",
      message: '`schedule.times[1]` is "24:00"',
    });
  });

  it("leaves the message alone when the failure is about the inputs as a whole", () => {
    assert.equal(failure("", "policy.inputsType", "inputs are null").message, "inputs are null");
  });

  it("shows strings quoted and cuts huge ones", () => {
    assert.equal(show("noon"), '"noon"');
    const shown = show("x".repeat(1_000_000));
    assert.ok(shown.length < 50, shown);
    assert.ok(shown.endsWith('…"'));
  });

  it("describes containers by kind, never by content", () => {
    assert.equal(show([1, 2, 3]), "a list of 3");
    assert.equal(show({ deep: { deeper: 1 } }), "an object");
    assert.equal(show(null), "null");
    assert.equal(show(undefined), "missing");
    assert.equal(show(3.5), "3.5");
  });

  it("builds paths with dots for plain keys and brackets otherwise", () => {
    assert.equal(childPath("tags", "team"), "tags.team");
    assert.equal(childPath("tags", "my key"), 'tags["my key"]');
    assert.equal(indexPath("serverIds", 3), "serverIds[3]");
  });

  it("counts in natural language", () => {
    assert.equal(plural(1, "minute"), "1 minute");
    assert.equal(plural(40, "minute"), "40 minutes");
    assert.equal(plural(2, "policy", "policies"), "2 policies");
  });
});
