import * as assert from "node:assert/strict";
import { REPORTED_KEY, reportedByProgram } from "../../../provider/hooks/reported-failures";

describe("problems the program reported", () => {
  it("fails once, pointing at the program's errors, when the SDK set its hidden input", () => {
    const failures = reportedByProgram({ name: "x", [REPORTED_KEY]: true }, () => 'BackupPolicy "daily"');
    assert.equal(failures.length, 1);
    assert.equal(failures[0].rule, "input.reportedByProgram");
    assert.equal(failures[0].path, "");
    assert.match(failures[0].message, /the errors starting with BackupPolicy "daily" or csbs:/);
  });

  it("adds nothing without the hidden input, or when it is not exactly true", () => {
    assert.deepEqual(reportedByProgram({ name: "x" }, () => "l"), []);
    assert.deepEqual(reportedByProgram({ [REPORTED_KEY]: "true" }, () => "l"), []);
    assert.deepEqual(reportedByProgram(undefined, () => "l"), []);
  });
});
