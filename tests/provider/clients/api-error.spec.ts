import assert from "node:assert/strict";
import { ApiError, isApiError, parseErrorBody } from "../../../provider/clients/api-error";

describe("ApiError", () => {
  it("reads like service, status, code, method, path, message and request id", () => {
    const err = new ApiError({
      status: 400,
      code: "CSBS.6004",
      serviceMessage: "Server (x) is already in service.",
      requestId: "req-1",
      service: "CSBS",
      method: "PUT",
      path: "/policies/3b2c",
    });
    assert.equal(err.toString(), "CSBS 400 CSBS.6004 on PUT /policies/3b2c: Server (x) is already in service. (request req-1)");
    assert.equal(err.message, err.toString());
    assert.equal(err.serviceMessage, "Server (x) is already in service.");
  });

  it("scrubs secrets from the service message and the path's query", () => {
    const err = new ApiError({ status: 400, serviceMessage: "bad password hunter22", service: "Keystone", method: "POST", path: "/x?token=abc" }, ["hunter22"]);
    assert.doesNotMatch(err.message, /hunter22|abc/);
  });

  it("appends a hint after the request id", () => {
    const err = new ApiError({ status: 401, code: "Unauthorized", serviceMessage: "no", service: "Keystone", method: "POST", path: "/v3/auth/tokens", requestId: "req-2", hint: "check the password" });
    assert.match(err.message, /\(request req-2\); check the password$/);
  });

  it("is recognised by status", () => {
    const err = new ApiError({ status: 404, serviceMessage: "gone", service: "Nova", method: "GET", path: "/servers/1" });
    assert.equal(isApiError(err, 404), true);
    assert.equal(isApiError(err, 409), false);
    assert.equal(isApiError(new Error("x")), false);
  });
});

describe("parseErrorBody", () => {
  it("reads the CSBS dialect", () => {
    assert.deepEqual(parseErrorBody({ error_code: "CSBS.0001", error_msg: "Service over limit" }), { code: "CSBS.0001", message: "Service over limit" });
  });

  it("reads Keystone's body with the title as code", () => {
    assert.deepEqual(parseErrorBody({ error: { code: 401, message: "The request you have made requires authentication.", title: "Unauthorized" } }), {
      code: "Unauthorized",
      message: "The request you have made requires authentication.",
    });
  });

  it("reads Karbor, Nova and Cinder fault bodies with the fault name as code", () => {
    assert.deepEqual(parseErrorBody({ itemNotFound: { code: 404, message: "Instance x could not be found." } }), { code: "itemNotFound", message: "Instance x could not be found." });
    assert.deepEqual(parseErrorBody({ overLimit: { code: 413, message: "Maximum number of plans allowed (50) exceeded" } }).code, "overLimit");
  });

  it("returns nothing for bodies it does not know", () => {
    assert.deepEqual(parseErrorBody("oops"), {});
    assert.deepEqual(parseErrorBody({ a: 1, b: 2 }), {});
    assert.deepEqual(parseErrorBody(null), {});
  });
});
