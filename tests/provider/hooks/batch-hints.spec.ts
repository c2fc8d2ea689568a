import * as assert from "node:assert/strict";
import { ASSOCIATIONS_OF_POLICY_KEY, batchHints, ENGINE_PARALLELISM_KEY } from "../../../provider/hooks/batch-hints";

describe("the SDK's hints for gathering server-list writes", () => {
  it("reads the engine's parallelism and the number of the policy's associations", () => {
    assert.deepEqual(batchHints({ [ENGINE_PARALLELISM_KEY]: 8, [ASSOCIATIONS_OF_POLICY_KEY]: 3, policyId: "p" }), { engineParallelism: 8, associationsOfPolicy: 3 });
  });

  it("takes no hint from an old SDK (absent) or from a value that is not a whole number of at least 1", () => {
    assert.deepEqual(batchHints({ policyId: "p" }), {});
    for (const bad of [0, -2, 1.5, "8", null, Number.NaN]) {
      assert.deepEqual(batchHints({ [ENGINE_PARALLELISM_KEY]: bad, [ASSOCIATIONS_OF_POLICY_KEY]: bad }), {}, String(bad));
    }
    assert.deepEqual(batchHints(undefined), {});
  });
});
