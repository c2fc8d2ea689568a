import * as assert from "node:assert/strict";
import { ApiError } from "../../../provider/clients/api-error";
import { TransportError } from "../../../provider/clients/transport-error";
import { PolicyNotFoundError } from "../../../provider/backends/policy-backend";
import { UserFacingError, userError } from "../../../provider/hooks/errors";

function csbsError(code: string, message: string, status = 400): ApiError {
  return new ApiError({ status, code, serviceMessage: message, requestId: "req-123", service: "CSBS", method: "POST", path: "/policies" });
}

describe("user-facing API errors", () => {
  it("names the resource, what was refused, the code, the request id and the fix for a duplicate name", () => {
    const e = userError(csbsError("CSBS.9007", "duplicate service name"), 'BackupPolicy "daily"', 'create policy "daily-web"');
    assert.match(e.message, /^BackupPolicy "daily": CSBS refused to create policy "daily-web"/);
    assert.match(e.message, /CSBS\.9007: duplicate service name/);
    assert.match(e.message, /request req-123/);
    assert.match(e.message, /adopt: true/);
  });

  const fixes: Array<[string, RegExp]> = [
    ["CSBS.0001", /quota/],
    ["CSBS.6004", /takeOver: true/],
    ["CSBS.6000", /does not exist/],
    ["CSBS.6001", /Running or Stopped/],
    ["CSBS.6006", /ACTIVE/],
    ["CSBS.6010", /multi-attach/],
    ["CSBS.9001", /64 servers/],
    ["CSBS.3000", /pulumi refresh/],
    ["CSBS.2004", /backup of this policy is running/],
    ["CSBS.1001", /executing a backup/],
  ];
  for (const [code, fix] of fixes) {
    it(`tells what to do about ${code}`, () => {
      assert.match(userError(csbsError(code, "refused"), "r", "act").message, fix);
    });
  }

  it("tells what to do about a Karbor fault from Karbor's own table, not the CSBS codes", () => {
    const gone = new ApiError({ status: 404, code: "itemNotFound", serviceMessage: "Plan p could not be found.", service: "Karbor", method: "PUT", path: "/plans/p" });
    assert.match(userError(gone, "r", "update plan p").message, /the policy no longer exists: run `pulumi refresh`/);
    const busy = new ApiError({ status: 409, code: "conflictingRequest", serviceMessage: "busy", service: "Karbor", method: "DELETE", path: "/plans/p" });
    assert.match(userError(busy, "r", "delete plan p").message, /plan is busy/);
    const csbsCodeFromKarbor = new ApiError({ status: 400, code: "CSBS.9007", serviceMessage: "x", service: "Karbor", method: "POST", path: "/plans" });
    assert.doesNotMatch(userError(csbsCodeFromKarbor, "r", "create").message, /adopt: true/);
  });

  it("says a policy that no longer exists should be refreshed away, in either dialect", () => {
    const e = userError(new PolicyNotFoundError("3b2c"), 'BackupPolicy "daily"', 'update policy "daily-web" (3b2c)');
    assert.equal(
      e.message,
      'BackupPolicy "daily": could not update policy "daily-web" (3b2c): policy 3b2c does not exist (any more); the policy no longer exists: run `pulumi refresh` so the stack forgets it, then `pulumi up` recreates it',
    );
  });

  it("explains a 401 from Keystone without echoing any credential", () => {
    const err = new ApiError({ status: 401, code: "Unauthorized", serviceMessage: "The request you have made requires authentication.", service: "Keystone", method: "POST", path: "/auth/tokens" });
    const e = userError(err, 'BackupPolicy "p"', "authenticate");
    assert.match(e.message, /credentials were refused/);
  });

  it("says to run again when the service could not be reached", () => {
    const err = new TransportError({ service: "CSBS", method: "GET", path: "/policies", code: "ECONNRESET", reason: "connection reset", outcomeUnknown: false, attempts: 5 });
    assert.match(userError(err, "r", "list policies").message, /reachable and run the command again/);
  });

  it("passes a message already written for users through unchanged", () => {
    const original = new UserFacingError("exact text");
    assert.equal(userError(original, "r", "x"), original);
  });
});
