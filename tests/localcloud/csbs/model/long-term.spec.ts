import assert from "node:assert/strict";
import fc from "fast-check";
import { type DatedBackup, type LongTermRetention, longTermKept, parseUtcOffset, periodSerial } from "../../../../localcloud/csbs/model/long-term";

const rule = (o: Partial<LongTermRetention>): LongTermRetention => ({ dayBackups: 0, weekBackups: 0, monthBackups: 0, yearBackups: 0, timezone: "UTC", ...o });
const b = (id: string, iso: string): DatedBackup => ({ id, createdAt: new Date(iso).toISOString() });
const kept = (backups: DatedBackup[], r: LongTermRetention, at: string) => [...longTermKept(backups, r, new Date(at))].sort();

/** An independent reading of the periods: calendar labels from shifted dates, ISO weeks by their Thursday. */
function label(kind: "day" | "week" | "month" | "year", ms: number, offsetMin: number): string {
  const d = new Date(ms + offsetMin * 60_000);
  const ymd = d.toISOString().slice(0, 10);
  if (kind === "day") return ymd;
  if (kind === "month") return ymd.slice(0, 7);
  if (kind === "year") return ymd.slice(0, 4);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - weekday + 3));
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return `${thursday.getUTCFullYear()}-W${Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1}`;
}

function lastLabels(kind: "day" | "week" | "month" | "year", at: number, offsetMin: number, n: number): Set<string> {
  const out = new Set<string>();
  const d = new Date(at + offsetMin * 60_000);
  for (let k = 0; k < n; k++) {
    if (kind === "day") out.add(label("day", at - k * 86_400_000, offsetMin));
    else if (kind === "week") out.add(label("week", at - k * 7 * 86_400_000, offsetMin));
    else if (kind === "month") out.add(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - k, 1)).toISOString().slice(0, 7));
    else out.add(String(d.getUTCFullYear() - k).padStart(4, "0"));
  }
  return out;
}

function oracle(backups: DatedBackup[], r: LongTermRetention, at: Date): Set<string> {
  const offset = parseUtcOffset(r.timezone)!;
  const out = new Set<string>();
  const counts = { day: r.dayBackups, week: r.weekBackups, month: r.monthBackups, year: r.yearBackups };
  for (const kind of ["day", "week", "month", "year"] as const) {
    const wanted = lastLabels(kind, at.getTime(), offset, counts[kind]);
    const best = new Map<string, DatedBackup>();
    for (const x of backups) {
      const t = Date.parse(x.createdAt);
      if (t > at.getTime()) continue;
      const l = label(kind, t, offset);
      if (!wanted.has(l)) continue;
      const cur = best.get(l);
      if (!cur || t > Date.parse(cur.createdAt) || (t === Date.parse(cur.createdAt) && x.id > cur.id)) best.set(l, x);
    }
    for (const x of best.values()) out.add(x.id);
  }
  return out;
}

const START = Date.UTC(2029, 10, 1);
const SPAN = 900 * 86_400_000;
const arbBackups = fc.uniqueArray(fc.integer({ min: 0, max: SPAN }), { maxLength: 60 })
  .map((ts) => ts.map((t, i) => ({ id: `b${String(i).padStart(3, "0")}`, createdAt: new Date(START + t).toISOString() })));
const arbZone = fc.constantFrom("UTC", "UTC+01:00", "UTC+02:00", "UTC-05:30", "UTC+14:00", "UTC-12:00", "UTC+05:45");
const arbRule = fc.record({
  dayBackups: fc.integer({ min: 0, max: 100 }), weekBackups: fc.integer({ min: 0, max: 100 }),
  monthBackups: fc.integer({ min: 0, max: 100 }), yearBackups: fc.integer({ min: 0, max: 100 }), timezone: arbZone,
});
const arbAt = fc.integer({ min: 0, max: SPAN + 30 * 86_400_000 }).map((t) => new Date(START + t));

describe("localcloud long-term retention arithmetic", () => {
  it("reads UTC±HH:MM zones and refuses anything else", () => {
    assert.equal(parseUtcOffset("UTC"), 0);
    assert.equal(parseUtcOffset("UTC+08:00"), 480);
    assert.equal(parseUtcOffset("UTC-05:30"), -330);
    for (const bad of ["UTC+8", "Europe/Paris", "utc+01:00", "UTC+15:00", "UTC+01:60", "+01:00", ""]) assert.equal(parseUtcOffset(bad), undefined, bad);
  });

  it("keeps the newest backup of each of the last N days, the current partial day included", () => {
    const backups = [b("d1-early", "2030-01-10T01:00Z"), b("d1-late", "2030-01-10T13:00Z"), b("d2", "2030-01-11T01:00Z"), b("d3", "2030-01-12T01:00Z")];
    assert.deepEqual(kept(backups, rule({ dayBackups: 2 }), "2030-01-12T02:00Z"), ["d2", "d3"]);
    assert.deepEqual(kept(backups, rule({ dayBackups: 3 }), "2030-01-12T02:00Z"), ["d1-late", "d2", "d3"]);
  });

  it("counts calendar periods, not periods that hold a backup: a weekly schedule with 7 dailies keeps one", () => {
    const mondays = ["2030-01-07", "2030-01-14", "2030-01-21"].map((d, i) => b(`m${i}`, `${d}T01:00Z`));
    assert.deepEqual(kept(mondays, rule({ dayBackups: 7 }), "2030-01-21T02:00Z"), ["m2"]);
    assert.deepEqual(kept(mondays, rule({ dayBackups: 8 }), "2030-01-21T02:00Z"), ["m1", "m2"]);
  });

  it("counts ISO weeks from Monday to Sunday in the policy's zone", () => {
    // 2030-01-06 is a Sunday; 23:30 UTC is already Monday 00:30 at UTC+01:00.
    const backups = [b("sat", "2030-01-05T10:00Z"), b("sun-late", "2030-01-06T23:30Z"), b("mon", "2030-01-07T10:00Z")];
    assert.deepEqual(kept(backups, rule({ weekBackups: 2 }), "2030-01-07T12:00Z"), ["mon", "sun-late"]);
    assert.deepEqual(kept(backups, rule({ weekBackups: 2, timezone: "UTC+01:00" }), "2030-01-07T12:00Z"), ["mon", "sat"]);
  });

  it("counts months and calendar years in the policy's zone", () => {
    const backups = [b("dec", "2029-12-31T20:00Z"), b("jan", "2030-01-15T01:00Z")];
    assert.deepEqual(kept(backups, rule({ monthBackups: 1 }), "2030-01-20T00:00Z"), ["jan"]);
    assert.deepEqual(kept(backups, rule({ monthBackups: 2 }), "2030-01-20T00:00Z"), ["dec", "jan"]);
    // At UTC+05:00 the December backup is already 1 January: one month holds both, the newer one counts.
    assert.deepEqual(kept(backups, rule({ monthBackups: 2, timezone: "UTC+05:00" }), "2030-01-20T00:00Z"), ["jan"]);
    assert.deepEqual(kept(backups, rule({ yearBackups: 2, timezone: "UTC+05:00" }), "2030-01-20T00:00Z"), ["jan"]);
    assert.deepEqual(kept(backups, rule({ yearBackups: 2 }), "2030-01-20T00:00Z"), ["dec", "jan"]);
  });

  it("lets the oldest, partial period of a history count like any other", () => {
    // The policy started on a Thursday: its first ISO week holds only Thursday to Sunday.
    const backups = [b("thu", "2030-01-03T01:00Z"), b("sun", "2030-01-06T01:00Z"), b("mon", "2030-01-07T01:00Z")];
    assert.deepEqual(kept(backups, rule({ weekBackups: 4 }), "2030-01-07T02:00Z"), ["mon", "sun"]);
  });

  it("keeps nothing for a zone it cannot read, and never picks a backup dated after the run", () => {
    assert.deepEqual(kept([b("x", "2030-01-01T00:00Z")], rule({ dayBackups: 5, timezone: "Mars/Olympus" }), "2030-01-01T01:00Z"), []);
    assert.deepEqual(kept([b("future", "2030-01-02T00:00Z")], rule({ dayBackups: 5 }), "2030-01-01T01:00Z"), []);
  });

  it("numbers consecutive periods consecutively", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: SPAN }), arbZone, (t, zone) => {
      const off = parseUtcOffset(zone)!;
      const ms = START + t;
      assert.equal(periodSerial("day", ms + 86_400_000, off), periodSerial("day", ms, off) + 1);
      assert.equal(periodSerial("week", ms + 7 * 86_400_000, off), periodSerial("week", ms, off) + 1);
    }));
  });

  it("agrees with an independent reading of calendar days, ISO weeks, months and years", () => {
    fc.assert(fc.property(arbBackups, arbRule, arbAt, (backups, r, at) => {
      assert.deepEqual([...longTermKept(backups, r, at)].sort(), [...oracle(backups, r, at)].sort());
    }), { numRuns: 300 });
  });

  it("keeps at most one backup per period and kind, so never more than the sum of the counts", () => {
    fc.assert(fc.property(arbBackups, arbRule, arbAt, (backups, r, at) => {
      const k = longTermKept(backups, r, at);
      assert.ok(k.size <= r.dayBackups + r.weekBackups + r.monthBackups + r.yearBackups);
      for (const id of k) assert.ok(backups.some((x) => x.id === id));
    }));
  });

  it("keeps the same backups after pruning the others (a second run at the same instant deletes nothing)", () => {
    fc.assert(fc.property(arbBackups, arbRule, arbAt, (backups, r, at) => {
      const k = longTermKept(backups, r, at);
      assert.deepEqual([...longTermKept(backups.filter((x) => k.has(x.id)), r, at)].sort(), [...k].sort());
    }));
  });

  it("never keeps fewer backups when a count grows", () => {
    fc.assert(fc.property(arbBackups, arbRule, arbAt, fc.constantFrom("dayBackups", "weekBackups", "monthBackups", "yearBackups"), (backups, r, at, key) => {
      const small = longTermKept(backups, r, at);
      const big = longTermKept(backups, { ...r, [key]: r[key as keyof LongTermRetention] as number + 1 }, at);
      for (const id of small) assert.ok(big.has(id));
    }));
  });
});
