import * as assert from "node:assert/strict";
import { ApiError } from "../../../provider/clients/api-error";
import { notApplied, outcomeUnknown } from "../../../provider/clients/outcome";
import { TransportError } from "../../../provider/clients/transport-error";

const api = (status: number) => new ApiError({ status, code: "x", serviceMessage: "m", service: "CSBS", method: "POST", path: "/policies" });
const transport = (outcomeUnknown: boolean) =>
  new TransportError({ service: "CSBS", method: "POST", path: "/policies", code: "ECONNRESET", reason: "reset", outcomeUnknown, attempts: 1 });

describe("what a failed request says about its outcome", () => {
  it("calls a lost answer or a gateway error unknown: the write may have been applied", () => {
    assert.deepEqual([transport(true), api(500), api(502), api(504)].map(outcomeUnknown), [true, true, true, true]);
  });

  it("calls a refused connection, 429 and 503 not applied: the write may simply be sent again", () => {
    assert.deepEqual([transport(false), api(429), api(503)].map(notApplied), [true, true, true]);
    assert.deepEqual([transport(false), api(429), api(503)].map(outcomeUnknown), [false, false, false]);
  });

  it("calls a refusal neither: it was not applied and repeating it would be refused again", () => {
    for (const err of [api(400), api(409), new Error("bug")]) {
      assert.equal(outcomeUnknown(err), false);
      assert.equal(notApplied(err), false);
    }
  });
});
