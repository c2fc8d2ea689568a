import assert from "node:assert/strict";
import fc from "fast-check";
import { isLoopback } from "../../../localcloud/core/loopback";

describe("localcloud admin API gate: which listen addresses count as loopback", () => {
  it("treats 127.0.0.0/8, ::1 (in any spelling) and localhost as loopback (admin API on without a secret)", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "127.255.255.255", "::1", "[::1]", "0:0:0:0:0:0:0:1", "localhost", "LOCALHOST", "::ffff:127.0.0.1"]) {
      assert.equal(isLoopback(h), true, h);
    }
  });

  it("treats any other address as reachable from outside (admin API off without a secret)", () => {
    for (const h of ["0.0.0.0", "::", "10.0.0.5", "192.168.1.10", "example.org", "128.0.0.1", "::ffff:10.0.0.1", "::2"]) assert.equal(isLoopback(h), false, h);
  });

  it("parses the address instead of reading its first characters: 127.attacker.example and friends are host names", () => {
    for (const h of ["127.attacker.example", "127.0.0.1.nip.io", "127.0.0.1:80", "127.1", "localhost.attacker.example", "::1.example", "127.0.0.01", " 127.0.0.1"]) {
      assert.equal(isLoopback(h), false, h);
    }
  });

  it("never calls a name that starts with 127. and has a letter in it loopback", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9.-]{1,30}$/).filter((s) => /[a-z]/.test(s)), (rest) => !isLoopback(`127.${rest}`)),
      { numRuns: 300 },
    );
  });
});
