/** The backend decorator the hooks see: fewer requests, and its listing never differs from the cloud's after our own writes. */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { CachingBackend } from "../../../provider/backends/caching-backend";
import type { PolicyBackend, PolicyRecord, PolicySpec } from "../../../provider/backends/policy-backend";
import { livePolicy } from "../hooks/rule-support";

const record = (id: string, name = id): PolicyRecord => livePolicy(id, name);

const spec = (name: string, description = ""): PolicySpec => ({ name, description, enabled: true, pattern: "", retention: { maxBackups: 7 }, tags: {} });

/** How the next write fails: before the cloud applies it, or after (its answer lost: the outcome is unknown to the caller). */
type Failure = "before" | "after";

/**
 * A policy backend held in memory, as a stand-in for the cloud in properties that need thousands of sequences.
 * Each call yields to other calls a few times before and after it takes effect, so calls interleave.
 */
class MemoryBackend implements PolicyBackend {
  readonly api = "csbs" as const;
  readonly policies = new Map<string, PolicyRecord>();
  calls = { list: 0, get: 0, quota: 0 };
  failNext: Failure[] = [];
  delays: number[] = [];
  private nextId = 0;

  constructor(initial: PolicyRecord[] = [record("a"), record("b")]) {
    for (const p of initial) this.policies.set(p.id, p);
  }

  private async pause(): Promise<void> {
    const ticks = this.delays.shift() ?? 0;
    for (let i = 0; i < ticks; i++) await Promise.resolve();
  }

  private async read<T>(kind: keyof MemoryBackend["calls"], take: () => T): Promise<T> {
    this.calls[kind]++;
    await this.pause();
    if (this.failNext[0] === "before") {
      this.failNext.shift();
      throw new Error("connection reset");
    }
    const value = take();
    await this.pause();
    return value;
  }

  private async write<T>(apply: () => T): Promise<T> {
    await this.pause();
    const failure = this.failNext.shift();
    if (failure === "before") throw new Error("connection refused");
    const value = apply();
    await this.pause();
    if (failure === "after") throw new Error("response lost");
    return value;
  }

  list(): Promise<PolicyRecord[]> {
    return this.read("list", () => [...this.policies.values()].map((p) => structuredClone(p)));
  }
  get(id: string): Promise<PolicyRecord | undefined> {
    return this.read("get", () => structuredClone(this.policies.get(id)));
  }
  async usable(id: string, seen?: PolicyRecord): Promise<PolicyRecord | undefined> {
    return seen ?? this.get(id);
  }
  policyQuota(): Promise<number> {
    return this.read("quota", () => 32);
  }
  async findByName(name: string): Promise<PolicyRecord | undefined> {
    return structuredClone([...this.policies.values()].find((p) => p.name === name));
  }
  create(s: PolicySpec): Promise<PolicyRecord> {
    return this.write(() => {
      const p = { ...record(`n${this.nextId++}`, s.name), description: s.description };
      this.policies.set(p.id, p);
      return structuredClone(p);
    });
  }
  update(id: string, s: PolicySpec): Promise<PolicyRecord> {
    return this.write(() => {
      const p = { ...(this.policies.get(id) ?? record(id)), name: s.name, description: s.description };
      this.policies.set(id, p);
      return structuredClone(p);
    });
  }
  setServers(id: string, serverIds: string[]): Promise<PolicyRecord> {
    return this.write(() => {
      const p = { ...(this.policies.get(id) ?? record(id)), serverIds: [...serverIds] };
      this.policies.set(id, p);
      return structuredClone(p);
    });
  }
  delete(id: string): Promise<void> {
    return this.write(() => void this.policies.delete(id));
  }
}

const ids = (list: PolicyRecord[]) => list.map((p) => p.id).sort();
const byId = (list: PolicyRecord[]) => [...list].sort((x, y) => (x.id < y.id ? -1 : 1));

/** One step of a deployment: a write through the decorator, maybe failing, maybe overlapping a listing. */
type Step =
  | { kind: "create"; name: string }
  | { kind: "update"; pick: number; description: string }
  | { kind: "setServers"; pick: number; servers: string[] }
  | { kind: "delete"; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("create" as const), name: fc.constantFrom("x", "y", "z") }),
  fc.record({ kind: fc.constant("update" as const), pick: fc.nat(), description: fc.string({ maxLength: 3 }) }),
  fc.record({ kind: fc.constant("setServers" as const), pick: fc.nat(), servers: fc.subarray(["s1", "s2", "s3"]) }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
);

async function run(backend: CachingBackend, cloud: MemoryBackend, s: Step): Promise<unknown> {
  const existing = [...cloud.policies.keys()].sort();
  const id = existing.length > 0 ? existing[("pick" in s ? s.pick : 0) % existing.length]! : "missing";
  if (s.kind === "create") return backend.create(spec(s.name));
  if (s.kind === "update") return backend.update(id, spec(id, s.description));
  if (s.kind === "setServers") return backend.setServers(id, s.servers);
  return backend.delete(id);
}

describe("the caching backend", () => {
  it("lists once for any number of callers and applies its own writes and deletes to that listing", async () => {
    const cloud = new MemoryBackend();
    const backend = new CachingBackend(cloud);
    assert.deepEqual(ids(await backend.list()), ["a", "b"]);
    const created = await backend.create(spec("c"));
    await backend.update("a", spec("a", "changed"));
    await backend.delete("b");
    const live = await backend.list();
    assert.deepEqual(ids(live), ["a", created.id].sort());
    assert.equal(live.find((p) => p.id === "a")?.description, "changed");
    assert.equal(cloud.calls.list, 1);
  });

  it("lists afresh after a write that failed, whose outcome it cannot know", async () => {
    const cloud = new MemoryBackend();
    const backend = new CachingBackend(cloud);
    await backend.list();
    cloud.failNext = ["after"];
    await assert.rejects(backend.create(spec("x")), /response lost/);
    assert.deepEqual(ids(await backend.list()), ["a", "b", "n0"]);
    assert.equal(cloud.calls.list, 2);
  });

  it("does not remember a failed listing, quota read or read", async () => {
    const cloud = new MemoryBackend();
    const backend = new CachingBackend(cloud);
    cloud.failNext = ["before", "before", "before"];
    await assert.rejects(backend.list(), /connection reset/);
    await assert.rejects(backend.policyQuota(), /connection reset/);
    await assert.rejects(backend.readOnce("a"), /connection reset/);
    assert.deepEqual(ids(await backend.list()), ["a", "b"]);
    assert.equal(await backend.policyQuota(), 32);
    assert.equal((await backend.readOnce("a"))?.id, "a");
    assert.deepEqual(cloud.calls, { list: 2, get: 2, quota: 2 });
  });

  it("reads the quota once, and each policy once for the read hooks until its own write changes it", async () => {
    const cloud = new MemoryBackend();
    const backend = new CachingBackend(cloud);
    await Promise.all([backend.policyQuota(), backend.policyQuota(), backend.readOnce("a"), backend.readOnce("a"), backend.readOnce("b")]);
    assert.deepEqual(cloud.calls, { list: 0, get: 2, quota: 1 });
    await backend.setServers("a", ["s1"]);
    assert.deepEqual((await backend.readOnce("a"))?.serverIds, ["s1"]);
    assert.equal(cloud.calls.get, 3);
  });

  it("reads past the cache where a writer must see other writers", async () => {
    const cloud = new MemoryBackend();
    const backend = new CachingBackend(cloud);
    await backend.list();
    cloud.policies.set("other", record("other"));
    assert.deepEqual(ids(await backend.uncached.list()), ["a", "b", "other"]);
    assert.equal((await backend.get("other"))?.id, "other");
  });

  it("after any sequence of writes, failures and overlapping listings, lists exactly what a fresh listing of the cloud shows", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            step,
            failure: fc.option(fc.constantFrom<Failure>("before", "after"), { freq: 3 }),
            overlapsListing: fc.boolean(),
            delays: fc.array(fc.nat({ max: 4 }), { maxLength: 4 }),
          }),
          { maxLength: 12 },
        ),
        fc.boolean(),
        async (steps, listedFirst) => {
          const cloud = new MemoryBackend();
          const backend = new CachingBackend(cloud);
          if (listedFirst) await backend.list();
          for (const { step: s, failure, overlapsListing, delays } of steps) {
            cloud.failNext = failure ? [failure] : [];
            cloud.delays = [...delays];
            const write = run(backend, cloud, s);
            const listing = overlapsListing ? backend.list() : Promise.resolve([]);
            await Promise.allSettled([write, listing]);
            cloud.failNext = [];
            cloud.delays = [];
            assert.deepEqual(byId(await backend.list()), byId(await cloud.list()));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
