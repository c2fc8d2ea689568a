import * as assert from "node:assert/strict";
import { engineParallelism } from "../../sdk/engine-parallelism";

describe("the engine's parallelism as the program sees it", () => {
  it("is PULUMI_NODEJS_PARALLEL, which the Node language host sets from the engine's --parallel", () => {
    assert.equal(engineParallelism({ PULUMI_NODEJS_PARALLEL: "8" }), 8);
    assert.equal(engineParallelism({ PULUMI_NODEJS_PARALLEL: "1" }), 1);
  });

  it("is unknown outside the engine or when the variable is not a whole number of at least 1", () => {
    for (const raw of [undefined, "", " ", "0", "-4", "2.5", "eight"]) {
      assert.equal(engineParallelism(raw === undefined ? {} : { PULUMI_NODEJS_PARALLEL: raw }), undefined, String(raw));
    }
  });
});
