import * as assert from "node:assert/strict";
import { failure } from "../../../provider/domain/failures";
import { failuresForEngine } from "../../../provider/hooks/engine-failures";
import { check } from "../../../provider/hooks/policy-hooks";

describe("check failures as the engine gets them", () => {
  it("leaves property empty so the engine never prints a nested path's value as {<nil>}, the path leading the reason", async () => {
    // Invalid inputs fail before check asks the cloud anything.
    const { failures } = await check({}, { __resourceName: "daily", name: "daily-web", schedule: { times: ["02:00", "02:30"] }, retention: { maxBackups: 7 } });
    assert.deepEqual(failures, [
      {
        property: "",
        reason: '`schedule.times` "02:00" and "02:30" are 30 minutes apart: runs must be at least 1 hour apart; move one of them or remove one',
      },
    ]);
  });

  it("gives the engine each message, path in front, and a whole-input message as it is", () => {
    assert.deepEqual(
      failuresForEngine([
        failure("", "policy.inputsType", "inputs are null: BackupPolicy inputs must be an object"),
        failure("tags.team", "tags.value", 'is "" : give a value'),
      ]),
      [
        { property: "", reason: "inputs are null: BackupPolicy inputs must be an object" },
        { property: "", reason: '`tags.team` is "" : give a value' },
      ],
    );
  });
});
