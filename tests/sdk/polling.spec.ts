import * as assert from "node:assert/strict";
import { isOperationError } from "../../sdk/operation-error";
import { pollUntil } from "../../sdk/polling";

describe("pollUntil", () => {
  it("polls until a value comes back and returns it", async () => {
    let calls = 0;
    const value = await pollUntil("the run", async () => (++calls === 3 ? "done" : undefined), { pollIntervalMs: 1, timeoutMs: 60_000 });
    assert.equal(value, "done");
    assert.equal(calls, 3);
  });

  it("fails with rule operation-timeout, naming what it waited for, when the next poll would pass the deadline", async () => {
    let calls = 0;
    await assert.rejects(
      pollUntil("the backup run c1", async () => void calls++, { pollIntervalMs: 60_000, timeoutMs: 1_000 }),
      (err: Error) => isOperationError(err, "operation-timeout") && /^the backup run c1 did not finish within 1 s/.test(err.message),
    );
    assert.equal(calls, 1);
  });
});
