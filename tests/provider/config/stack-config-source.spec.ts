import * as assert from "node:assert/strict";
import { stackConfigLayer } from "../../../provider/config/stack-config-source";

describe("the stack config layer", () => {
  it("reads csbs:<field> for every field and names the key as the origin", () => {
    const values: Record<string, string> = { "csbs:authUrl": "https://k/v3", "csbs:insecure": "true", "other:authUrl": "x", "csbs:nonsense": "y" };
    const layer = stackConfigLayer((key) => values[key]);
    assert.deepEqual(layer.values, { authUrl: "https://k/v3", insecure: "true" });
    assert.deepEqual(layer.origins, { authUrl: "stack config csbs:authUrl", insecure: "stack config csbs:insecure" });
  });
});
