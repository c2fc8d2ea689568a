import * as assert from "node:assert/strict";
import { emptyLayer, setFirst } from "../../../provider/config/layer";

describe("a settings layer", () => {
  it("takes the first candidate with a value, trimmed, and records where it came from", () => {
    const layer = emptyLayer("environment");
    setFirst(layer, "userName", [["OS_USERNAME", "  "], ["OS_USER_NAME", " demo "]]);
    assert.deepEqual(layer, { source: "environment", values: { userName: "demo" }, origins: { userName: "OS_USER_NAME" } });
  });

  it("reads numbers and booleans as text and skips values of any other type", () => {
    const layer = emptyLayer("clouds.yaml");
    setFirst(layer, "insecure", [["a", { no: 1 }], ["b", false]]);
    setFirst(layer, "region", [["c", 7]]);
    setFirst(layer, "cacert", [["d", undefined], ["e", ["x"]]]);
    assert.deepEqual(layer.values, { insecure: "false", region: "7" });
    assert.deepEqual(layer.origins, { insecure: "b", region: "c" });
  });
});
