import assert from "node:assert/strict";
import { FaultInjector, validateFaultRules } from "../../../localcloud/core/faults";

describe("localcloud fault injector", () => {
  it("matches by method, path regex and service, first rule first", () => {
    const f = new FaultInjector();
    f.configure([
      { method: "post", path: "^/csbs/", status: 503 },
      { path: "/servers", service: "compute", reset: true },
    ]);
    assert.equal(f.decide("POST", "/csbs/v1/p/policies", "csbs")?.kind, "status");
    assert.equal(f.decide("GET", "/csbs/v1/p/policies", "csbs"), undefined);
    assert.equal(f.decide("GET", "/compute/v2.1/servers", "compute")?.kind, "reset");
    assert.equal(f.decide("GET", "/compute/v2.1/servers", "volume"), undefined);
  });

  it("fires a rule at most `count` times", () => {
    const f = new FaultInjector();
    f.configure([{ path: ".", status: 500, count: 2 }]);
    const hits = [1, 2, 3, 4].map(() => f.decide("GET", "/x", "csbs") !== undefined);
    assert.deepEqual(hits, [true, true, false, false]);
  });

  it("repeats the same hits for the same seed and differs for another seed", () => {
    const pattern = (seed: number) => {
      const f = new FaultInjector();
      f.configure([{ path: ".", status: 503, probability: 0.5 }], seed);
      return Array.from({ length: 64 }, () => (f.decide("GET", "/x", "csbs") ? 1 : 0)).join("");
    };
    assert.equal(pattern(7), pattern(7));
    assert.notEqual(pattern(7), pattern(8));
    const ones = [...pattern(7)].filter((c) => c === "1").length;
    assert.ok(ones > 10 && ones < 54, `about half of 64 requests fail (got ${ones})`);
  });

  it("never fires with probability 0 and always with 1", () => {
    const f = new FaultInjector();
    f.configure([{ path: ".", status: 503, probability: 0 }]);
    assert.equal(f.decide("GET", "/x", "csbs"), undefined);
    f.configure([{ path: ".", status: 503, probability: 1 }]);
    assert.ok(f.decide("GET", "/x", "csbs"));
  });

  it("classifies latency-only and dropResponse rules", () => {
    const f = new FaultInjector();
    f.configure([{ path: "^/a", latencyMs: 5 }, { path: "^/b", dropResponse: true }]);
    assert.equal(f.decide("GET", "/a", "csbs")?.kind, "latency");
    assert.equal(f.decide("GET", "/b", "csbs")?.kind, "dropResponse");
  });

  it("rejects rules that are malformed or do nothing, naming the rule", () => {
    assert.match(validateFaultRules({}) ?? "", /must be an array/);
    assert.match(validateFaultRules([{ status: 500 }]) ?? "", /rules\[0\]\.path/);
    assert.match(validateFaultRules([{ path: "(" }]) ?? "", /not a valid regular expression/);
    assert.match(validateFaultRules([{ path: ".", status: 99 }]) ?? "", /rules\[0\]\.status/);
    assert.match(validateFaultRules([{ path: ".", status: 500, probability: 2 }]) ?? "", /probability/);
    assert.match(validateFaultRules([{ path: "." }]) ?? "", /does nothing/);
    assert.match(validateFaultRules([{ path: ".", status: 500, service: "nova" }]) ?? "", /service/);
    assert.equal(validateFaultRules([{ path: ".", status: 500 }]), undefined);
  });
});
