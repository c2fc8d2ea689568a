/**
 * The SDK hands the engine one policy's associations together, one policy after the next, in an up: what the
 * program interleaves (two policies' ids known at the same moment) comes out grouped.
 */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { inPolicyOrder } from "../../sdk/registration-order";

describe("the order in which an up hands associations to the engine", () => {
  const setMocks = (preview: boolean) =>
    pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: (a) => a.inputs }, "project", "stack", preview);
  // Other suites of this process expect the usual preview mocks.
  after(() => setMocks(true));

  /** Three associations of one policy, the event loop turning, then the other policy's three. */
  const ONE_POLICY_THEN_THE_OTHER = /^(a0 a1 a2 \| b0 b1 b2|b0 b1 b2 \| a0 a1 a2)$/;

  /**
   * Associations a0 b0 a1 b1 … of policies a and b, whose ids become known together; the order they are released
   * in, with "|" where the event loop first turned after a release: what is released before it reaches the engine
   * together, what comes after it reaches the engine later.
   */
  async function releaseOrder(count: number, perPolicy = count, keyPrefix = `policy:${count}:${perPolicy}:`): Promise<string> {
    let known!: () => void;
    const both = new Promise<void>((r) => (known = r));
    const ids = { a: both.then(() => "id-a"), b: both.then(() => "id-b") };
    const order: string[] = [];
    const released: Array<Promise<unknown>> = [];
    const turned = new Promise<void>((turn) => {
      for (let i = 0; i < count; i++) {
        for (const p of ["a", "b"] as const) {
          released.push(
            inPolicyOrder(Promise.resolve(perPolicy), ids[p], `${keyPrefix}${p}`).then(() => {
              if (order.length === 0) setTimeout(() => (order.push("|"), turn()), 0);
              order.push(`${p}${i}`);
            }),
          );
        }
      }
    });
    known();
    await Promise.all([...released, turned]);
    return order.join(" ");
  }

  it("hands one policy's associations over together and the other policy's later, however the program interleaves them", async () => {
    await setMocks(false);
    assert.match(await releaseOrder(3), ONE_POLICY_THEN_THE_OTHER);
  });

  it("groups the associations of a second stack run in the same process, whose policies have the same keys", async () => {
    await setMocks(false);
    const runs: string[] = [];
    for (let run = 0; run < 2; run++) await pulumi.runtime.runInPulumiStack(async () => void runs.push(await releaseOrder(3, 3, "policy#")));
    for (const order of runs) assert.match(order, ONE_POLICY_THEN_THE_OTHER);
  });

  it("holds no association whose policy has no other (its write never waits for a sibling)", async () => {
    await setMocks(false);
    assert.equal(await releaseOrder(1, 1), "a0 b0 |");
  });

  it("holds nothing in a preview (nothing is written)", async () => {
    await setMocks(true);
    assert.equal(await releaseOrder(2), "a0 b0 a1 b1 |");
  });

  it("holds nothing when the program does not know the policy", async () => {
    await setMocks(false);
    const order: string[] = [];
    await Promise.all(["x", "y"].map((n) => inPolicyOrder(Promise.resolve(undefined), Promise.resolve(`id-${n}`), undefined).then(() => order.push(n))));
    assert.deepEqual(order, ["x", "y"]);
  });
});
