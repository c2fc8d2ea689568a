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

  /** Associations a0 b0 a1 b1 … of policies a and b, whose ids become known together; the order they are released in. */
  async function releaseOrder(count: number, perPolicy = count): Promise<string[]> {
    let known!: () => void;
    const both = new Promise<void>((r) => (known = r));
    const ids = { a: both.then(() => "id-a"), b: both.then(() => "id-b") };
    const order: string[] = [];
    const released: Array<Promise<unknown>> = [];
    for (let i = 0; i < count; i++) {
      for (const p of ["a", "b"] as const) {
        released.push(inPolicyOrder(Promise.resolve(perPolicy), ids[p], `policy:${p}:${count}:${perPolicy}`).then(() => order.push(`${p}${i}`)));
      }
    }
    known();
    await Promise.all(released);
    return order;
  }

  it("groups each policy's associations, however the program interleaves them", async () => {
    await setMocks(false);
    const order = await releaseOrder(3);
    const groups = order.map((n) => n[0]);
    assert.equal(groups.filter((g, i) => i > 0 && g !== groups[i - 1]).length, 1, `one policy's three, then the other's: ${order.join(" ")}`);
  });

  it("holds no association whose policy has no other (its write never waits for a sibling)", async () => {
    await setMocks(false);
    assert.deepEqual(await releaseOrder(1, 1), ["a0", "b0"]);
  });

  it("holds nothing in a preview (nothing is written)", async () => {
    await setMocks(true);
    assert.deepEqual(await releaseOrder(2), ["a0", "b0", "a1", "b1"]);
  });

  it("holds nothing when the program does not know the policy", async () => {
    await setMocks(false);
    const order: string[] = [];
    await Promise.all(["x", "y"].map((n) => inPolicyOrder(Promise.resolve(undefined), Promise.resolve(`id-${n}`), undefined).then(() => order.push(n))));
    assert.deepEqual(order, ["x", "y"]);
  });
});
