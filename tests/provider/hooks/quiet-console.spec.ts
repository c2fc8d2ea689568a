import * as assert from "node:assert/strict";
import { quietUserFacingErrors } from "../../../provider/hooks/quiet-console";
import { USER_FACING_ERROR_NAME } from "../../../provider/hooks/user-facing-error";
import { providerRuntime, resetProviderRuntime } from "../../../provider/runtime/provider-runtime";

describe("the provider host's duplicate error print", () => {
  const original = console.error;
  let printed: unknown[][];

  beforeEach(() => {
    resetProviderRuntime();
    printed = [];
    console.error = (...args: unknown[]) => void printed.push(args);
  });
  afterEach(() => {
    console.error = original;
    resetProviderRuntime();
  });

  it("drops the host's copy of our user-facing errors and lets everything else through", () => {
    quietUserFacingErrors();
    console.error(`${USER_FACING_ERROR_NAME}: BackupPolicy "daily": could not create: x\n    at stack`);
    console.error("Error: something else");
    console.error(`${USER_FACING_ERROR_NAME}: two`, "arguments");
    assert.deepEqual(printed, [["Error: something else"], [`${USER_FACING_ERROR_NAME}: two`, "arguments"]]);
  });

  it("installs its filter once per process, however often it is called", () => {
    quietUserFacingErrors();
    const filtered = console.error;
    quietUserFacingErrors();
    assert.equal(console.error, filtered);
    assert.equal(providerRuntime().consoleQuieted, true);
  });
});
