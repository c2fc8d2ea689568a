/**
 * The bench's goal check (bench/figures.ts): the figures are judged unrounded, exactly as issue 18's table
 * writes each goal, while the JSON line and RESULTS.md print them rounded. Pure: recorded operations made up here.
 */
import * as assert from "node:assert/strict";
import { computeFigures, exactFigures, goals, type BenchRecords, type PairedRuns } from "../../bench/figures";
import type { OperationRecord } from "../../bench/timed-operation";

/** An operation that sent `total` requests (`csbs` of them to CSBS, one token) in `wallMs`. */
function op(label: string, total: number, wallMs = 1000): OperationRecord {
  return {
    label,
    kind: "up",
    wallMs,
    requests: { total, auths: total > 0 ? 1 : 0, writes: 0, byService: total > 0 ? { identity: 1, csbs: total - 1 } : {}, byShape: {}, listings: {}, errors: 0, byPlace: {} },
    provider: { cpuMs: 100, hooks: { "policy.check": { calls: 1, wallMs: 1 } } },
  };
}

const pair = (total = 0): PairedRuns => ({ csbs: [op("csbs", total)], baseline: [op("baseline", 0)] });

/** A run of `associations` associations (one per policy), whose counted association create sent `createRequests`. */
function records(associations: number, createRequests: number): BenchRecords {
  return {
    resources: { policies: associations, associations },
    changedAssociations: associations,
    up: pair(),
    stateBytes: { csbs: 100, baseline: 100 },
    preview: pair(),
    change: pair(2 * associations),
    refresh: pair(),
    countPolicies: op("count policies", associations),
    countAssociations: op("count associations", createRequests),
    noopPreviewApiFloorMs: 0,
    at8: { resources: { policies: associations, associations: 8 * associations }, changedAssociations: 8 * associations, up: pair(), stateBytes: { csbs: 100, baseline: 100 }, change: pair(), countAssociations: op("count 8", 0) },
    waits: { seconds: 5, ups: [op("waits", 0, 1000)], countPolicies: op("count waits", associations) },
    fleet: { sizes: [] },
  };
}

const verdict = (r: BenchRecords, key: string) => goals(exactFigures(r, 1)).find((g) => g.key === key);

describe("the bench's goal check", () => {
  it("misses requestsPerAssociationChange ≤ 2.2 at 108 requests for 49 associations (2.2041), which prints as 2.2", () => {
    const r = records(49, 108);
    assert.equal(computeFigures(r, 1).requestsPerAssociationChange, 2.2);
    assert.equal(verdict(r, "requestsPerAssociationChange")?.met, false);
  });

  it("meets it at exactly 2.2 (110 requests for 50 associations): ≤, no tolerance either way", () => {
    assert.equal(verdict(records(50, 110), "requestsPerAssociationChange")?.met, true);
    assert.equal(verdict(records(50, 111), "requestsPerAssociationChange")?.met, false);
  });

  it("misses requestsPerPolicyCreate ≤ 1.1 at 35 requests for 31 policies (1.129) and meets it at 35 for 32 (1.094)", () => {
    const miss = records(31, 62);
    miss.countPolicies = op("count policies", 35);
    const meet = records(32, 64);
    meet.countPolicies = op("count policies", 35);
    assert.equal(verdict(miss, "requestsPerPolicyCreate")?.met, false);
    assert.equal(verdict(meet, "requestsPerPolicyCreate")?.met, true);
  });

  it("judges the wait overhead by the fastest up with waits against the fastest without: (6500 − 1000) ÷ 5 s = 1.1, met, where the slowest (7500) would give 1.3", () => {
    const r = records(32, 64);
    r.up = { csbs: [op("up 1", 0, 1200), op("up 2", 0, 1000)], baseline: [op("b 1", 0), op("b 2", 0)] };
    r.waits.ups = [op("waits 1", 0, 7500), op("waits 2", 0, 6500)];
    assert.equal(computeFigures(r, 1).upWaitOverheadRatio, 1.1);
    assert.equal(computeFigures(r, 1).upWithWaitsWallMs, 6500);
    assert.equal(verdict(r, "upWaitOverheadRatio")?.met, true);
  });

  it("judges the request figures on the repeat that sent the most: a change at 8 of 74, 76 and 74 requests for 256 associations gives 76 / 256", () => {
    const r = records(32, 64);
    r.at8.change = { csbs: [op("change 1", 74), op("change 2", 76), op("change 3", 74)], baseline: [op("b 1", 0), op("b 2", 0), op("b 3", 0)] };
    assert.equal(exactFigures(r, 1).requestsPerAssociationUpdateAt8, 76 / 256);
    r.refresh = { csbs: [op("refresh 1", 33), op("refresh 2", 40)], baseline: [op("b 1", 0), op("b 2", 0)] };
    assert.equal(exactFigures(r, 1).refreshRequestsPerResource, 40 / 64);
  });

  it("counts a no-op preview's writes in every repeat: one write in the second of two fails noopPreviewWrites = 0", () => {
    const r = records(32, 64);
    const writing = op("preview 2", 3);
    writing.requests.writes = 1;
    r.preview = { csbs: [op("preview 1", 3), writing], baseline: [op("b 1", 0), op("b 2", 0)] };
    assert.equal(verdict(r, "noopPreviewWrites")?.met, false);
  });

  it("writes each goal as the issue's table does", () => {
    const written = Object.fromEntries(goals(exactFigures(records(32, 64), 1)).map((g) => [g.key, g.goal]));
    assert.deepEqual(written, {
      authsPerOperation: "≤ 1",
      requestsPerPolicyCreate: "≤ 1.1",
      requestsPerPolicyCreateWithWaits: "≤ 3",
      requestsPerAssociationChange: "≤ 2.2",
      requestsPerAssociationChangeAt8: "≤ 0.4",
      noopPreviewWrites: "0",
      refreshRequestsPerResource: "≤ 1",
      upWallRatioVsBaseline: "≤ 1.10",
      previewWallRatioVsBaseline: "≤ 1.08",
      changeWallRatioVsBaselineAt8: "≤ 1.12",
      upWaitOverheadRatio: "≤ 1.2",
      providerCpuRatioVsBaseline: "≤ 1.2",
    });
  });
});
