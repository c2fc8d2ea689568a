import * as assert from "node:assert/strict";
import { envLayer } from "../../../provider/config/env-source";

describe("the OS_* environment layer", () => {
  it("reads the standard variables, each field from the first variable set, naming it as the origin", () => {
    const layer = envLayer({ OS_AUTH_URL: "https://k/v3", OS_TENANT_NAME: "old", OS_PROJECT_NAME: "demo", OS_AUTH_TOKEN: "t", HOME: "/h" });
    assert.deepEqual(layer.values, { authUrl: "https://k/v3", projectName: "demo", token: "t" });
    assert.deepEqual(layer.origins, { authUrl: "OS_AUTH_URL", projectName: "OS_PROJECT_NAME", token: "OS_AUTH_TOKEN" });
  });

  it("falls back to the older spelling and ignores empty variables", () => {
    const layer = envLayer({ OS_PROJECT_NAME: "", OS_TENANT_NAME: "old", OS_ENDPOINT_TYPE: "internal" });
    assert.deepEqual(layer.values, { projectName: "old", interface: "internal" });
  });
});
