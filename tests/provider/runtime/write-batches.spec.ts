import * as assert from "node:assert/strict";
import { mock } from "node:test";
import { WriteBatches, type BatchOutcome } from "../../../provider/runtime/write-batches";

const tick = () => new Promise((r) => setImmediate(r));

/** A runner that records each batch it is given and answers every change with its own text. */
function recorder() {
  const batches: string[][] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> | undefined;
  const run = async (changes: readonly string[]): Promise<Array<BatchOutcome<string>>> => {
    batches.push([...changes]);
    if (gate) await gate;
    return changes.map((c) => (c.startsWith("bad") ? { ok: false, error: new Error(`refused ${c}`) } : { ok: true, value: `done ${c}` }));
  };
  const hold = () => {
    gate = new Promise<void>((r) => (release = r));
    return () => {
      gate = undefined;
      release();
    };
  };
  return { batches, run, hold };
}

describe("write batches (changes of one policy's list gathered into one write)", () => {
  it("starts at once when nothing else is expected", async () => {
    const b = new WriteBatches({ quietMs: 60_000, maxWaitMs: 60_000 });
    const r = recorder();
    assert.equal(await b.submit("p", "a", r.run, () => true), "done a");
    assert.deepEqual(r.batches, [["a"]]);
  });

  it("gathers the changes that arrive while it waits for the expected ones, and starts when the last joins", async () => {
    const b = new WriteBatches({ quietMs: 60_000, maxWaitMs: 60_000 });
    const r = recorder();
    const expected = new Set(["a", "b", "c"]);
    const complete = (changes: readonly string[]) => [...expected].every((e) => changes.includes(e));
    const pa = b.submit("p", "a", r.run, complete);
    const pb = b.submit("p", "b", r.run, complete);
    await tick();
    assert.deepEqual(r.batches, [], "waits: c is expected");
    const pc = b.submit("p", "c", r.run, complete);
    assert.deepEqual(await Promise.all([pa, pb, pc]), ["done a", "done b", "done c"]);
    assert.deepEqual(r.batches, [["a", "b", "c"]]);
  });

  it("looks again on a nudge", async () => {
    const b = new WriteBatches({ quietMs: 60_000, maxWaitMs: 60_000 });
    const r = recorder();
    let ready = false;
    const pa = b.submit("p", "a", r.run, () => ready);
    await tick();
    assert.deepEqual(r.batches, []);
    ready = true;
    b.nudge();
    assert.equal(await pa, "done a");
  });

  it("starts without what never comes once no change arrived for the quiet time", async () => {
    const b = new WriteBatches({ quietMs: 5, maxWaitMs: 60_000 });
    const r = recorder();
    const pa = b.submit("p", "a", r.run, () => false);
    const pb = b.submit("p", "b", r.run, () => false);
    assert.deepEqual(await Promise.all([pa, pb]), ["done a", "done b"]);
    assert.deepEqual(r.batches, [["a", "b"]]);
  });

  it("gives each change its own outcome: one refused change fails alone", async () => {
    const b = new WriteBatches({ quietMs: 60_000, maxWaitMs: 60_000 });
    const r = recorder();
    const complete = (changes: readonly string[]) => changes.length === 3;
    const results = await Promise.allSettled([b.submit("p", "a", r.run, complete), b.submit("p", "bad-b", r.run, complete), b.submit("p", "c", r.run, complete)]);
    assert.deepEqual(
      results.map((x) => (x.status === "fulfilled" ? x.value : (x.reason as Error).message)),
      ["done a", "refused bad-b", "done c"],
    );
    assert.equal(r.batches.length, 1);
  });

  it("runs one batch per policy at a time; what arrives meanwhile is the next batch, started when the first ends", async () => {
    const b = new WriteBatches({ quietMs: 60_000, maxWaitMs: 60_000 });
    const r = recorder();
    const release = r.hold();
    const first = b.submit("p", "a", r.run, () => true);
    await tick();
    const later = [b.submit("p", "b", r.run, () => true), b.submit("p", "c", r.run, () => true)];
    const other = b.submit("q", "x", r.run, () => true);
    await tick();
    assert.deepEqual(r.batches, [["a"], ["x"]], "q does not wait for p; b and c wait for a's batch");
    release();
    assert.deepEqual(await Promise.all([first, ...later, other]), ["done a", "done b", "done c", "done x"]);
    assert.deepEqual(r.batches, [["a"], ["x"], ["b", "c"]]);
    assert.deepEqual(b.busy(), []);
  });

  it("fails every change of a batch whose runner throws, and keeps going", async () => {
    const b = new WriteBatches({ quietMs: 60_000, maxWaitMs: 60_000 });
    const failing = async (): Promise<Array<BatchOutcome<string>>> => {
      throw new Error("boom");
    };
    await assert.rejects(b.submit("p", "a", failing, () => true), /boom/);
    const r = recorder();
    assert.equal(await b.submit("p", "b", r.run, () => true), "done b");
  });

  describe("at the engine's parallelism (the stall rule)", () => {
    it("starts the batch with the most changes at once when the engine's every slot waits, with no timer", async () => {
      const b = new WriteBatches({ quietMs: 60_000, maxWaitMs: 60_000 });
      b.useCapacity(3);
      const r = recorder();
      let rest = false;
      const complete = () => rest;
      const p = [b.submit("p", "a", r.run, complete), b.submit("p", "b", r.run, complete)];
      await tick();
      assert.deepEqual(r.batches, [], "two of three slots wait: more may come");
      const q = b.submit("q", "x", r.run, complete);
      assert.deepEqual(await Promise.all(p), ["done a", "done b"]);
      assert.deepEqual(r.batches, [["a", "b"]], "the third waiting change fills the engine: p's two start, q's one waits");
      rest = true;
      b.nudge();
      assert.equal(await q, "done x");
    });

    it("without the engine's parallelism, as many waiting changes wait for the timers", async () => {
      const b = new WriteBatches({ quietMs: 60_000, maxWaitMs: 60_000 });
      const r = recorder();
      let ready = false;
      const all = [b.submit("p", "a", r.run, () => ready), b.submit("p", "b", r.run, () => ready), b.submit("q", "x", r.run, () => ready)];
      await tick();
      assert.deepEqual(r.batches, []);
      assert.equal(b.waiting(), 3);
      ready = true;
      b.nudge();
      await Promise.all(all);
      assert.deepEqual(r.batches, [["a", "b"], ["x"]]);
    });

    it("does not count a deployment as stalled while a batch runs (its end frees slots), and looks again when it ends", async () => {
      const b = new WriteBatches({ quietMs: 60_000, maxWaitMs: 60_000 });
      b.useCapacity(2);
      const r = recorder();
      const release = r.hold();
      const first = b.submit("p", "a", r.run, () => true);
      await tick();
      const waiting = [b.submit("q", "x", r.run, () => false), b.submit("q", "y", r.run, () => false)];
      await tick();
      assert.deepEqual(r.batches, [["a"]], "q's two wait while p's batch runs");
      release();
      assert.equal(await first, "done a");
      assert.deepEqual(await Promise.all(waiting), ["done x", "done y"]);
      assert.deepEqual(r.batches, [["a"], ["x", "y"]]);
    });

    it("ignores a parallelism that is not a whole number of at least 1", async () => {
      const b = new WriteBatches({ quietMs: 60_000, maxWaitMs: 60_000 });
      for (const bad of [0, -1, 1.5, Number.NaN]) b.useCapacity(bad);
      const r = recorder();
      let ready = false;
      const pa = b.submit("p", "a", r.run, () => ready);
      await tick();
      assert.deepEqual(r.batches, [], "a capacity of 0 or 1.5 would have started it");
      ready = true;
      b.nudge();
      assert.equal(await pa, "done a");
    });
  });

  describe("waiting for a change known to come (fake clock)", () => {
    beforeEach(() => mock.timers.enable({ apis: ["setTimeout", "Date"] }));
    afterEach(() => mock.timers.reset());

    it("waits past the quiet time for an expected change, up to the longest wait", async () => {
      const b = new WriteBatches({ quietMs: 5, maxWaitMs: 1000 });
      const r = recorder();
      const pa = b.submit("p", "a", r.run, () => "expected");
      mock.timers.tick(999);
      await tick();
      assert.deepEqual(r.batches, [], "quiet proves nothing while a change is known to come");
      mock.timers.tick(1);
      assert.equal(await pa, "done a");
    });

    it("starts after the quiet time when it cannot tell", async () => {
      const b = new WriteBatches({ quietMs: 5, maxWaitMs: 1000 });
      const r = recorder();
      const pa = b.submit("p", "a", r.run, () => false);
      mock.timers.tick(4);
      await tick();
      assert.deepEqual(r.batches, []);
      mock.timers.tick(1);
      assert.equal(await pa, "done a");
    });
  });
});
