import * as assert from "node:assert/strict";
import { liveCheckFailure } from "../../../provider/hooks/live-check-failure";
import { TransportError } from "../../../provider/clients/transport-error";

describe("a live failure during check", () => {
  it("becomes one failure of the whole resource, worded as userError words it", () => {
    const err = new TransportError({ service: "CSBS", method: "GET", path: "/policies", reason: "connect ECONNREFUSED", outcomeUnknown: false, attempts: 2 });
    const result = liveCheckFailure(err, 'BackupPolicy "daily"', "list the policies");
    assert.equal(result.failures?.length, 1);
    assert.equal(result.failures?.[0].property, "");
    assert.match(result.failures?.[0].reason ?? "", /^BackupPolicy "daily": could not list the policies: CSBS GET \/policies failed.*run the command again$/);
    assert.equal(result.inputs, undefined);
  });
});
