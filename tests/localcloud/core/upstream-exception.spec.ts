import assert from "node:assert/strict";
import { exceptionOf, familyStatus, httpError, UpstreamException } from "../../../localcloud/core/upstream-exception";

describe("localcloud upstream exceptions", () => {
  it("answers each family with its status: Invalid 400, NotAuthorized 403, NotFound 404, QuotaError 413, a bare service exception 500", () => {
    assert.deepEqual(["Invalid", "NotAuthorized", "NotFound", "QuotaError", "ServiceException"].map((f) => familyStatus(f as "Invalid")), [400, 403, 404, 413, 500]);
    assert.equal(familyStatus("HTTPError", 424), 424);
    assert.throws(() => familyStatus("HTTPError"), /names its status/);
  });

  it("carries the reply in the service's dialect", () => {
    const e = exceptionOf("karbor", "NotAuthorized")("AccessCheckpointNotAllowed", "Access checkpoint x is not allowed");
    assert.ok(e instanceof UpstreamException);
    assert.deepEqual([e.status, e.exceptionName, e.reply.body], [403, "AccessCheckpointNotAllowed", { forbidden: { code: 403, message: "Access checkpoint x is not allowed" } }]);
    const q = exceptionOf("volume", "QuotaError")("VolumeLimitExceeded", "too many", { "Retry-After": "0" });
    assert.deepEqual([q.reply.status, q.reply.headers?.["Retry-After"]], [413, "0"]);
    const csbs = httpError("csbs", 404, "gone");
    assert.deepEqual([csbs.exceptionName, csbs.reply.body], ["HTTPNotFound", { error_code: "APIGW.0101", error_msg: "gone" }]);
  });
});
