import assert from "node:assert/strict";
import { isLoopback } from "../../../localcloud/core/server";

describe("localcloud admin API gate: which listen addresses count as loopback", () => {
  it("treats 127.0.0.0/8, ::1 and localhost as loopback (admin API on without a secret)", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "::1", "localhost", "::ffff:127.0.0.1"]) assert.equal(isLoopback(h), true, h);
  });

  it("treats any other address as reachable from outside (admin API off without a secret)", () => {
    for (const h of ["0.0.0.0", "::", "10.0.0.5", "192.168.1.10", "example.org"]) assert.equal(isLoopback(h), false, h);
  });
});
