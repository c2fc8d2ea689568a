import * as assert from "node:assert/strict";
import { MissingSettingsError } from "../../../provider/config/missing-settings-error";
import { SAVED_SETTINGS_ADVICE, stateOperationError } from "../../../provider/hooks/state-operation-error";
import { UserFacingError } from "../../../provider/hooks/user-facing-error";

describe("failures of refresh and destroy", () => {
  it("add to missing settings that refresh and destroy use the settings saved at the last up", () => {
    const err = stateOperationError(new MissingSettingsError("csbs:authUrl is not set"), 'BackupPolicy "daily"', "read the policy");
    assert.ok(err instanceof UserFacingError);
    assert.equal(err.message, `BackupPolicy "daily": could not read the policy: csbs:authUrl is not set\n${SAVED_SETTINGS_ADVICE}`);
  });

  it("leave any other failure as userError words it", () => {
    const err = stateOperationError(new Error("boom"), 'BackupPolicy "daily"', "delete the policy");
    assert.equal(err.message, 'BackupPolicy "daily": could not delete the policy: boom');
  });
});
