import * as assert from "node:assert/strict";
import { longTermDialectFailures } from "../../../provider/hooks/long-term-rules";

describe("long-term retention per dialect", () => {
  it("fails long-term counts on Karbor, at retention.longTerm", () => {
    const failures = longTermDialectFailures({ retention: { maxBackups: 7, longTerm: { daily: 3, weekly: 0, monthly: 0, yearly: 0 } } }, "karbor");
    assert.deepEqual(failures.map((f) => [f.path, f.rule]), [["retention.longTerm", "retention.longTermKarbor"]]);
  });

  it("accepts them on CSBS, and a Karbor policy without them", () => {
    assert.deepEqual(longTermDialectFailures({ retention: { maxBackups: 7, longTerm: { daily: 3, weekly: 0, monthly: 0, yearly: 0 } } }, "csbs"), []);
    assert.deepEqual(longTermDialectFailures({ retention: { maxBackups: 7 } }, "karbor"), []);
  });
});
