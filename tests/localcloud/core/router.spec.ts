import assert from "node:assert/strict";
import type { Route } from "../../../localcloud/core/contracts";
import { decodeSegments, Router, serviceForPath } from "../../../localcloud/core/router";

const route = (method: Route["method"], pattern: string, service: Route["service"] = "csbs"): Route => ({
  method,
  pattern,
  service,
  auth: "none",
  handler: () => ({ status: 200 }),
});

describe("localcloud router", () => {
  const router = new Router([
    route("GET", "/csbs/v1/:project_id/policies"),
    route("POST", "/csbs/v1/:project_id/policies"),
    route("GET", "/csbs/v1/:project_id/policies/:policy_id"),
    route("GET", "/compute/v2.1/servers/detail", "compute"),
    route("GET", "/compute/v2.1/servers/:server_id", "compute"),
  ]);

  it("captures :param segments percent-decoded", () => {
    const m = router.match("GET", "/csbs/v1/p%20x/policies/abc");
    assert.equal(m.kind, "found");
    assert.deepEqual(m.kind === "found" && m.params, { project_id: "p x", policy_id: "abc" });
  });

  it("prefers the route listed first, so a literal segment wins over a parameter", () => {
    const m = router.match("GET", "/compute/v2.1/servers/detail");
    assert.equal(m.kind === "found" && m.route.pattern, "/compute/v2.1/servers/detail");
  });

  it("tolerates one trailing slash", () => {
    assert.equal(router.match("GET", "/csbs/v1/p/policies/").kind, "found");
  });

  it("answers method-not-allowed with the methods the path has", () => {
    const m = router.match("DELETE", "/csbs/v1/p/policies");
    assert.equal(m.kind, "method-not-allowed");
    assert.deepEqual(m.kind === "method-not-allowed" && m.allowed, ["GET", "POST"]);
  });

  it("lets HEAD use a GET route", () => {
    assert.equal(router.match("HEAD", "/csbs/v1/p/policies").kind, "found");
  });

  for (const [label, id] of [
    ["an encoded slash", "a%2Fb"],
    ["a dot-dot segment", ".."],
    ["an encoded dot-dot", "%2E%2E"],
    ["a NUL byte", "a%00b"],
    ["a backslash", "a%5Cb"],
    ["a 256-character id", "x".repeat(256)],
  ] as const) {
    it(`treats ${label} in a parameter as not found`, () => {
      const m = router.match("GET", `/csbs/v1/p/policies/${id}`);
      assert.equal(m.kind, "not-found");
      assert.equal(m.kind === "not-found" && m.service, "csbs");
    });
  }

  it("reports invalid UTF-8 percent-encoding as a bad path", () => {
    assert.equal(router.match("GET", "/csbs/v1/p/policies/%C3%28").kind, "bad-path");
    assert.equal(decodeSegments("/a/%E0%A4%A"), undefined);
  });

  it("picks the error dialect of an unmatched path by its first segment", () => {
    assert.equal(serviceForPath("/csbs/v1/x"), "csbs");
    assert.equal(serviceForPath("/compute/v2.1"), "compute");
    assert.equal(serviceForPath("/volume/v3"), "volume");
    assert.equal(serviceForPath("/karbor/v1"), "karbor");
    assert.equal(serviceForPath("/_localcloud/clock"), "admin");
    assert.equal(serviceForPath("/identity/v3"), "identity");
    assert.equal(serviceForPath("/nothing"), "identity");
  });
});
