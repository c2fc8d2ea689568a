import assert from "node:assert/strict";
import { retentionVictims } from "../../../../localcloud/csbs/model/retention";
import type { BackupItem, PolicyRecord, Retention } from "../../../../localcloud/csbs/model/types";

const DAY = 86_400_000;
const NOW = new Date("2030-03-01T00:00:00Z");

function policy(retention: Retention): PolicyRecord {
  return {
    id: "p1", projectId: "demo", name: "p", description: "", createdAt: "", updatedAt: "", parameters: {}, servers: [], tags: [],
    schedule: { operationId: "o", operationName: "default", operationDescription: "", triggerId: "t", enabled: true,
      pattern: "", startTime: "", activeSince: "", retention },
  };
}

function item(id: string, daysAgo: number, o: Partial<BackupItem> = {}): BackupItem {
  const at = new Date(NOW.getTime() - daysAgo * DAY).toISOString();
  return {
    id, projectId: "demo", checkpointId: `c-${id}`, policyId: "p1", resourceId: "s1", resourceName: "s1", az: "az1", name: id,
    description: "", status: "available", createdAt: at, updatedAt: at, automatic: true, incremental: true, sizeMb: 1,
    volumes: [], tags: [], ...o,
  };
}

const ids = (items: BackupItem[]) => items.map((i) => i.id).sort();

describe("localcloud retention", () => {
  const history = [item("a", 5), item("b", 4), item("c", 3), item("d", 2), item("e", 1)];

  it("keeps the newest N available automatic backups per server", () => {
    assert.deepEqual(ids(retentionVictims(policy({ maxBackups: 2, retentionDurationDays: -1, permanent: false }), history, NOW)), ["a", "b", "c"]);
  });

  it("counts each server separately", () => {
    const two = [...history, item("x", 10, { resourceId: "s2" })];
    assert.deepEqual(ids(retentionVictims(policy({ maxBackups: 2, retentionDurationDays: -1, permanent: false }), two, NOW)), ["a", "b", "c"]);
  });

  it("deletes backups older than the retention days", () => {
    assert.deepEqual(ids(retentionVictims(policy({ maxBackups: -1, retentionDurationDays: 3, permanent: false }), history, NOW)), ["a", "b"]);
  });

  it("deletes when either rule says so", () => {
    assert.deepEqual(ids(retentionVictims(policy({ maxBackups: 4, retentionDurationDays: 2, permanent: false }), history, NOW)), ["a", "b", "c"]);
  });

  it("keeps everything when permanent or when no rule is set", () => {
    assert.deepEqual(retentionVictims(policy({ maxBackups: 1, retentionDurationDays: 1, permanent: true }), history, NOW), []);
    assert.deepEqual(retentionVictims(policy({ maxBackups: -1, retentionDurationDays: -1, permanent: false }), history, NOW), []);
  });

  it("never prunes manual backups, other policies' backups, or backups still protecting", () => {
    const mixed = [item("m", 9, { automatic: false }), item("o", 9, { policyId: "p2" }), item("busy", 9, { status: "protecting" }), item("e", 1)];
    assert.deepEqual(retentionVictims(policy({ maxBackups: 1, retentionDurationDays: 1, permanent: false }), mixed, NOW), []);
  });

  it("keeps at most 10 failed periodic backups, each at most 30 days old, even for a permanent policy", () => {
    const failed = Array.from({ length: 12 }, (_, i) => item(`f${String(i).padStart(2, "0")}`, i + 1, { status: "error" }));
    failed.push(item("old", 31, { status: "error" }));
    const victims = ids(retentionVictims(policy({ maxBackups: -1, retentionDurationDays: -1, permanent: true }), failed, NOW));
    assert.deepEqual(victims, ["f10", "f11", "old"]);
  });

  describe("with a long-term rule", () => {
    const daily = Array.from({ length: 10 }, (_, i) => item(`d${i}`, 10 - i - 0.5)); // one a day, d9 the newest
    const lt = { dayBackups: 0, weekBackups: 0, monthBackups: 0, yearBackups: 0, timezone: "UTC" };

    it("keeps the union of the newest N and the newest backup of each of the last days", () => {
      // The last 5 days are 1 March (the run's, no backup yet) back to 25 February: d9 down to d6.
      const r = { maxBackups: 2, retentionDurationDays: -1, permanent: false, longTerm: { ...lt, dayBackups: 5 } };
      assert.deepEqual(ids(retentionVictims(policy(r), daily, NOW)), ["d0", "d1", "d2", "d3", "d4", "d5"]);
    });

    it("keeps the union with what the age rule keeps", () => {
      const r = { maxBackups: -1, retentionDurationDays: 2, permanent: false, longTerm: { ...lt, weekBackups: 2 } };
      // NOW is Friday 2030-03-01: this week and last week keep their newest (d9, and d5 of Sunday 24 February).
      assert.deepEqual(ids(retentionVictims(policy(r), daily, NOW)), ["d0", "d1", "d2", "d3", "d4", "d6", "d7"]);
    });

    it("decides alone when neither count nor age is set", () => {
      const r = { maxBackups: -1, retentionDurationDays: -1, permanent: false, longTerm: { ...lt, dayBackups: 4 } };
      assert.deepEqual(ids(retentionVictims(policy(r), daily, NOW)), ["d0", "d1", "d2", "d3", "d4", "d5", "d6"]);
    });

    it("is overridden by permanent, and never prunes manual backups", () => {
      const r = { maxBackups: 1, retentionDurationDays: -1, permanent: true, longTerm: { ...lt, dayBackups: 1 } };
      assert.deepEqual(retentionVictims(policy(r), daily, NOW), []);
      const manual = [item("m", 40, { automatic: false }), item("e", 1)];
      assert.deepEqual(retentionVictims(policy({ ...r, permanent: false }), manual, NOW), []);
    });
  });
});
