import * as assert from "node:assert/strict";
import { SharedPoll, type PollFetch } from "../../../provider/clients/shared-poll";
import { fakeClock } from "./support/fake-clock";

const POLICY = { initialDelayMs: 500, maxDelayMs: 2_000, timeoutMs: 20_000 };

describe("shared polling of objects that are not ready yet", () => {
  it("looks at the spaced schedule (first look one initial delay after the caller's own look), never in a tight loop", async () => {
    const { clock } = fakeClock();
    const looks: number[] = [];
    const fetch: PollFetch<string> = async (ids) => {
      looks.push(clock.now());
      return { found: new Map(ids.map((id) => [id, clock.now() >= 5_000 ? "ready" : "creating"])), authoritative: true };
    };
    const poll = new SharedPoll(fetch, POLICY, clock);
    const result = await poll.wait("a", (s) => (s === "ready" ? s : undefined), () => new Error("timeout"));
    assert.equal(result, "ready");
    assert.deepEqual(looks, [500, 1_500, 3_500, 5_500]);
  });

  it("answers every waiter due at the same time with one request (a listing), each judged on its own", async () => {
    const { clock } = fakeClock();
    const calls: string[][] = [];
    const fetch: PollFetch<string> = async (ids) => {
      calls.push([...ids]);
      const found = new Map(ids.filter((id) => id !== "late").map((id) => [id, clock.now() >= 1_500 ? "ready" : "creating"]));
      return { found, authoritative: ids.length === 1 };
    };
    const poll = new SharedPoll(fetch, POLICY, clock);
    const judge = (s: string | undefined, authoritative: boolean) => {
      if (s === undefined && authoritative) throw new Error("gone");
      return s === "ready" ? s : undefined;
    };
    const waits = ["a", "b", "c", "d", "e", "f", "g", "h"].map((id) => poll.wait(id, judge, () => new Error("timeout")));
    assert.deepEqual(await Promise.all(waits), Array(8).fill("ready"));
    assert.equal(calls.length, 2, `two looks for eight waiters: ${JSON.stringify(calls)}`);
    assert.equal(calls[0]!.length, 8);
    // An object a listing lacks is not taken for gone; the GET of it alone is what says so.
    await assert.rejects(poll.wait("late", judge, () => new Error("timeout")), /gone/);
  });

  it("gives up at the deadline with the caller's error, and fails the waiters of a look that failed", async () => {
    const { clock } = fakeClock();
    let fail = false;
    const fetch: PollFetch<string> = async (ids) => {
      if (fail) throw new Error("cloud down");
      return { found: new Map(ids.map((id) => [id, "creating"])), authoritative: true };
    };
    const poll = new SharedPoll(fetch, POLICY, clock);
    await assert.rejects(poll.wait("a", () => undefined, () => new Error("still creating")), /still creating/);
    assert.ok(clock.now() <= POLICY.timeoutMs);
    fail = true;
    await assert.rejects(poll.wait("b", () => undefined, () => new Error("still creating")), /cloud down/);
    assert.equal(poll.waiting, 0);
  });
});
