import assert from "node:assert/strict";
import { csbsError, faultError, faultName, keystoneError, serviceError } from "../../../localcloud/core/errors";

describe("localcloud error dialects", () => {
  it("names faults by status as oslo does, computeFault for anything else", () => {
    const expected: Array<[number, string]> = [
      [400, "badRequest"],
      [401, "unauthorized"],
      [403, "forbidden"],
      [404, "itemNotFound"],
      [405, "badMethod"],
      [409, "conflictingRequest"],
      [413, "overLimit"],
      [415, "badMediaType"],
      [501, "notImplemented"],
      [503, "serviceUnavailable"],
      [500, "computeFault"],
      [424, "computeFault"],
    ];
    for (const [status, name] of expected) assert.equal(faultName(status), name, String(status));
  });

  it("builds a fault body {name: {code, message}}", () => {
    assert.deepEqual(faultError(404, "Instance x could not be found."), {
      status: 404,
      body: { itemNotFound: { code: 404, message: "Instance x could not be found." } },
    });
  });

  it("adds retryAfter and the Retry-After header to a 413 fault, as Karbor does", () => {
    const r = faultError(413, "Maximum number of plans allowed (50) exceeded");
    assert.deepEqual(r.body, { overLimit: { code: 413, message: "Maximum number of plans allowed (50) exceeded", retryAfter: "0" } });
    assert.equal(r.headers?.["Retry-After"], "0");
  });

  it("builds a CSBS body with the given code, or a default by status", () => {
    assert.deepEqual(csbsError(400, "duplicate service name", "CSBS.9007").body, { error_code: "CSBS.9007", error_msg: "duplicate service name" });
    assert.equal((csbsError(400, "x").body as { error_code: string }).error_code, "CSBS.9001");
    assert.equal((csbsError(401, "x").body as { error_code: string }).error_code, "APIGW.0301");
    assert.equal((csbsError(500, "x").body as { error_code: string }).error_code, "CSBS.9999");
  });

  it("builds Keystone's exact 401 body", () => {
    assert.deepEqual(keystoneError(401, "The request you have made requires authentication.").body, {
      error: { code: 401, message: "The request you have made requires authentication.", title: "Unauthorized" },
    });
  });

  it("chooses the dialect by service", () => {
    assert.ok("error_code" in (serviceError("csbs", 404, "m").body as object));
    assert.ok("itemNotFound" in (serviceError("karbor", 404, "m").body as object));
    assert.ok("itemNotFound" in (serviceError("compute", 404, "m").body as object));
    assert.ok("badRequest" in (serviceError("volume", 400, "m").body as object));
    assert.ok("error" in (serviceError("identity", 404, "m").body as object));
  });
});
