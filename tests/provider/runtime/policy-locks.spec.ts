import * as assert from "node:assert/strict";
import { PolicyLocks } from "../../../provider/runtime/policy-locks";

const tick = () => new Promise((r) => setImmediate(r));

describe("the per-policy write lock", () => {
  const locks = new PolicyLocks();
  const withPolicyLock = <T>(policyId: string, work: () => Promise<T>) => locks.run(policyId, work);

  it("runs writes to one policy one after the other, in arrival order", async () => {
    const events: string[] = [];
    const write = (name: string) =>
      withPolicyLock("p1", async () => {
        events.push(`${name} start`);
        await tick();
        await tick();
        events.push(`${name} end`);
        return name;
      });
    const results = await Promise.all([write("a"), write("b"), write("c")]);
    assert.deepEqual(results, ["a", "b", "c"]);
    assert.deepEqual(events, ["a start", "a end", "b start", "b end", "c start", "c end"]);
  });

  it("lets writes to different policies overlap", async () => {
    const events: string[] = [];
    const write = (policy: string) =>
      withPolicyLock(policy, async () => {
        events.push(`${policy} start`);
        await tick();
        events.push(`${policy} end`);
      });
    await Promise.all([write("x"), write("y")]);
    assert.deepEqual(events.slice(0, 2), ["x start", "y start"]);
  });

  it("keeps the queue going after a failed write and reports the failure to its caller", async () => {
    const failing = withPolicyLock("p2", async () => {
      throw new Error("boom");
    });
    const next = withPolicyLock("p2", async () => "after");
    await assert.rejects(failing, /boom/);
    assert.equal(await next, "after");
  });

  it("forgets a policy once nothing is queued on it", async () => {
    await withPolicyLock("p3", async () => "done");
    assert.deepEqual(locks.busy(), []);
  });
});
