import * as assert from "node:assert/strict";
import { checkCycle, expandCycle } from "../../../provider/domain/cycle";

const t = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const hourly = Array.from({ length: 24 }, (_, h) => h * 60);

describe("cycle", () => {
  it("fails 23:30 and 00:10 every day: 40 minutes across midnight", () => {
    const violations = checkCycle(expandCycle([t("00:10"), t("23:30")], { kind: "daily" }));
    assert.equal(violations.length, 1);
    assert.deepEqual(violations[0], { kind: "too-close", from: t("23:30"), to: 1440 + t("00:10"), gapMinutes: 40, acrossMidnight: true, acrossCycleEnd: true });
  });

  it("fails 23:30 MO and 00:10 TU", () => {
    const violations = checkCycle(expandCycle([t("00:10"), t("23:30")], { kind: "weekly", days: [0, 1] }));
    assert.equal(violations.length, 1);
    assert.equal(violations[0]?.kind === "too-close" && violations[0].acrossMidnight && !violations[0].acrossCycleEnd, true);
  });

  it("passes 23:30 and 00:10 on MO only", () => {
    assert.deepEqual(checkCycle(expandCycle([t("00:10"), t("23:30")], { kind: "weekly", days: [0] })), []);
  });

  it("fails SU 23:30 into MO 00:10 across the end of the week", () => {
    const violations = checkCycle(expandCycle([t("00:10"), t("23:30")], { kind: "weekly", days: [0, 6] }));
    assert.equal(violations.length, 1);
    assert.equal(violations[0]?.kind === "too-close" && violations[0].acrossCycleEnd, true);
  });

  it("passes 23:30 and 00:10 every 2 days: the next run is a day later", () => {
    assert.deepEqual(checkCycle(expandCycle([t("00:10"), t("23:30")], { kind: "every-n-days", n: 2 })), []);
  });

  it("passes 24 hourly times every day", () => {
    assert.deepEqual(checkCycle(expandCycle(hourly, { kind: "daily" })), []);
  });

  it("fails 25 times in a day, counting and spacing", () => {
    const violations = checkCycle(expandCycle([...hourly, t("12:30")], { kind: "daily" }));
    assert.ok(violations.some((v) => v.kind === "too-many" && v.count === 25));
    assert.ok(violations.some((v) => v.kind === "too-close" && v.gapMinutes === 30));
  });

  it("accepts exactly 60 minutes and rejects 59", () => {
    assert.deepEqual(checkCycle(expandCycle([0, 60], { kind: "daily" })), []);
    assert.equal(checkCycle(expandCycle([0, 59], { kind: "daily" })).length, 1);
  });

  it("finds nothing wrong with a single run or an empty cycle", () => {
    assert.deepEqual(checkCycle(expandCycle([0], { kind: "daily" })), []);
    assert.deepEqual(checkCycle({ lengthDays: 7, runs: [] }), []);
  });
});
