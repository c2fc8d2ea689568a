import * as assert from "node:assert/strict";
import { UNKNOWN } from "../../../provider/domain/unknown";
import { fromOperationDefinition, retentionFromRecord, retentionMatches, toOperationDefinition } from "../../../provider/domain/retention";
import { validateRetention } from "../../../provider/domain/retention-schema";
import { onlyFailureOn } from "./helpers";

describe("retention", () => {
  it("accepts each kind alone", () => {
    assert.deepEqual(validateRetention({ maxBackups: 7 }).value, { maxBackups: 7 });
    assert.deepEqual(validateRetention({ maxAgeDays: "30" }).value, { maxAgeDays: 30 });
    assert.deepEqual(validateRetention({ permanent: true }).value, { permanent: true });
  });

  it("rejects two kinds at once", () => {
    assert.match(onlyFailureOn(validateRetention({ maxBackups: 7, maxAgeDays: 30 }).failures, "retention"), /sets maxBackups and maxAgeDays: choose exactly one kind/);
  });

  it("rejects no kind at all", () => {
    assert.match(onlyFailureOn(validateRetention({}).failures, "retention"), /sets no retention/);
  });

  it("rejects values outside 1..99999 and non-integers", () => {
    assert.match(onlyFailureOn(validateRetention({ maxBackups: 0 }).failures, "retention.maxBackups"), /is 0: maxBackups must be a whole number of backups from 1 to 99999/);
    assert.match(onlyFailureOn(validateRetention({ maxAgeDays: 100000 }).failures, "retention.maxAgeDays"), /use at most 99999, or \{ permanent: true \}/);
    assert.equal(validateRetention({ maxBackups: 1.5 }).failures.length, 1);
  });

  it("rejects permanent: false with the alternative", () => {
    assert.match(onlyFailureOn(validateRetention({ permanent: false }).failures, "retention.permanent"), /permanent can only be true/);
  });

  it("rejects unknown settings and non-objects", () => {
    assert.match(onlyFailureOn(validateRetention({ maxBackups: 7, days: 3 }).failures, "retention.days"), /not a retention setting/);
    assert.equal(validateRetention(7).failures[0]?.path, "retention");
  });

  it("keeps unknown values", () => {
    assert.deepEqual(validateRetention(UNKNOWN), { value: UNKNOWN, failures: [], unknowns: ["retention"] });
    assert.deepEqual(validateRetention({ maxBackups: UNKNOWN }), { value: { maxBackups: UNKNOWN }, failures: [], unknowns: ["retention.maxBackups"] });
  });

  it("writes the operation definition with -1 for unset", () => {
    assert.deepEqual(toOperationDefinition({ maxBackups: 7 }), { max_backups: 7, retention_duration_days: -1, permanent: false });
    assert.deepEqual(toOperationDefinition({ maxAgeDays: 30 }), { max_backups: -1, retention_duration_days: 30, permanent: false });
    assert.deepEqual(toOperationDefinition({ permanent: true }), { max_backups: -1, retention_duration_days: -1, permanent: true });
  });

  it('reads "20", 20, "-1", "False", "false", false and "True"', () => {
    assert.deepEqual(fromOperationDefinition({ max_backups: "20", retention_duration_days: "-1", permanent: "False" }), { maxBackups: 20, retentionDurationDays: -1, permanent: false });
    assert.deepEqual(fromOperationDefinition({ max_backups: 20, retention_duration_days: -1, permanent: false }), { maxBackups: 20, retentionDurationDays: -1, permanent: false });
    assert.equal(fromOperationDefinition({ permanent: "false" }).permanent, false);
    assert.equal(fromOperationDefinition({ permanent: "True" }).permanent, true);
  });

  it("reads garbage as unset without throwing", () => {
    assert.deepEqual(fromOperationDefinition(null), { maxBackups: -1, retentionDurationDays: -1, permanent: false });
    assert.deepEqual(fromOperationDefinition({ max_backups: "x", retention_duration_days: 0 }), { maxBackups: -1, retentionDurationDays: -1, permanent: false });
  });

  it("lets permanent override the counts", () => {
    assert.deepEqual(retentionFromRecord({ maxBackups: 20, retentionDurationDays: -1, permanent: true }), { permanent: true });
  });

  it("reads max_backups -1 as unset and nothing set as permanent", () => {
    assert.deepEqual(retentionFromRecord({ maxBackups: -1, retentionDurationDays: 30, permanent: false }), { maxAgeDays: 30 });
    assert.deepEqual(retentionFromRecord({ maxBackups: -1, retentionDurationDays: -1, permanent: false }), { permanent: true });
  });

  it("cannot express a count and an age together", () => {
    assert.equal(retentionFromRecord({ maxBackups: 5, retentionDurationDays: 30, permanent: false }), undefined);
    assert.equal(retentionMatches({ maxBackups: 5 }, { maxBackups: 5, retentionDurationDays: 30, permanent: false }), false);
  });

  it("matches an input against the live record", () => {
    assert.ok(retentionMatches({ maxBackups: 20 }, fromOperationDefinition({ max_backups: "20", retention_duration_days: "-1", permanent: "False" })));
    assert.ok(!retentionMatches({ maxBackups: 7 }, fromOperationDefinition({ max_backups: "20" })));
  });
});
