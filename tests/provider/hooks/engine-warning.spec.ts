import * as assert from "node:assert/strict";
import { warnUser } from "../../../provider/hooks/engine-warning";
import { resetProviderRuntime } from "../../../provider/runtime/provider-runtime";
import { capturedStderrPerTest } from "./captured-stderr";

describe("warnings to the user", () => {
  const written = capturedStderrPerTest();

  it("falls back to stderr outside the engine's dynamic-provider process", async () => {
    await warnUser("insecure is on");
    assert.deepEqual(written, ["warning: insecure is on\n"]);
  });

  it("shows each text once per provider process, and again in a new one", async () => {
    await warnUser("a");
    await warnUser("a");
    await warnUser("b");
    resetProviderRuntime();
    await warnUser("a");
    assert.deepEqual(written, ["warning: a\n", "warning: b\n", "warning: a\n"]);
  });
});
