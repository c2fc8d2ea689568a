import assert from "node:assert/strict";
import { CloudClock } from "../../../localcloud/core/clock";

describe("localcloud clock", () => {
  it("starts at the given time and advances by whole seconds", async () => {
    const clock = new CloudClock({ start: new Date("2025-01-06T00:00:00Z") });
    assert.ok(Math.abs(clock.now().getTime() - Date.parse("2025-01-06T00:00:00Z")) < 5000);
    await clock.set(new Date("2025-01-06T00:00:00Z"));
    await clock.advance(3600);
    assert.ok(Math.abs(clock.now().getTime() - Date.parse("2025-01-06T01:00:00Z")) < 5000);
  });

  it("reports each forward step to listeners in order, contiguously, listeners in registration order", async () => {
    const clock = new CloudClock();
    await clock.set(new Date("2025-01-06T00:00:00Z"));
    const seen: string[] = [];
    clock.onAdvance(async (from, to) => {
      await new Promise((r) => setTimeout(r, 5));
      seen.push(`A ${from.getTime()} ${to.getTime()}`);
    });
    clock.onAdvance(async (from, to) => {
      seen.push(`B ${from.getTime()} ${to.getTime()}`);
    });
    await Promise.all([clock.advance(60), clock.advance(120)]);
    assert.equal(seen.length, 4);
    assert.match(seen[0]!, /^A /);
    assert.match(seen[1]!, /^B /);
    const [, from1, to1] = seen[0]!.split(" ").map(Number);
    const [, from2, to2] = seen[2]!.split(" ").map(Number);
    assert.equal(from2, to1, "the second stretch starts where the first ended");
    assert.ok(to1! - from1! >= 60000);
    assert.ok(to2! - from2! >= 120000);
  });

  it("reports nothing for a step backwards, and resumes from the new time", async () => {
    const clock = new CloudClock();
    await clock.set(new Date("2025-01-10T00:00:00Z"));
    const seen: Array<[number, number]> = [];
    clock.onAdvance(async (from, to) => {
      seen.push([from.getTime(), to.getTime()]);
    });
    await clock.set(new Date("2025-01-01T00:00:00Z"));
    assert.equal(seen.length, 0);
    await clock.advance(86400);
    assert.equal(seen.length, 1);
    assert.ok(Math.abs(seen[0]![0] - Date.parse("2025-01-01T00:00:00Z")) < 5000);
  });

  it("keeps going when a listener throws, and reports the error", async () => {
    const errors: unknown[] = [];
    const clock = new CloudClock({ onError: (e) => errors.push(e) });
    let calls = 0;
    clock.onAdvance(async () => {
      calls++;
      throw new Error("boom");
    });
    await clock.advance(10);
    await clock.advance(10);
    assert.equal(calls, 2);
    assert.equal(errors.length, 2);
  });

  it("hands every offset change to onOffsetChange so it can be persisted", async () => {
    const offsets: number[] = [];
    const clock = new CloudClock({ onOffsetChange: (o) => offsets.push(o) });
    await clock.advance(100);
    assert.equal(offsets.length, 1);
    assert.ok(Math.abs(offsets[0]! - 100000) < 1000);
    const restored = new CloudClock({ offsetMs: offsets[0]! });
    assert.ok(Math.abs(restored.now().getTime() - clock.now().getTime()) < 1000);
  });

  it("rejects an invalid date", async () => {
    const clock = new CloudClock();
    await assert.rejects(clock.set(new Date("nope")), /invalid date/);
  });
});
