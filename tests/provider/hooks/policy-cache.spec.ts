/** The per-process memory of policies: fewer requests, never a stale answer after an unknown write outcome. */
import * as assert from "node:assert/strict";
import type { PolicyBackend, PolicyRecord } from "../../../provider/backends/policy-backend";
import { PolicyCache } from "../../../provider/hooks/policy-cache";

function record(id: string, name = id): PolicyRecord {
  return {
    id,
    name,
    description: "",
    enabled: true,
    pattern: "",
    retention: { maxBackups: 7, retentionDurationDays: -1, permanent: false },
    serverIds: [],
    tags: {},
    status: "suspended",
    createdAt: "",
    projectId: "p",
  };
}

/** A backend that counts the reads it is asked for and fails the next ones on request. */
class CountingBackend implements PolicyBackend {
  readonly api = "csbs" as const;
  calls = { list: 0, get: 0, quota: 0 };
  failNext = 0;
  policies = [record("a"), record("b")];

  private maybeFail(): void {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error("connection reset");
    }
  }
  async list(): Promise<PolicyRecord[]> {
    this.calls.list++;
    this.maybeFail();
    return this.policies.map((p) => ({ ...p }));
  }
  async get(id: string): Promise<PolicyRecord | undefined> {
    this.calls.get++;
    this.maybeFail();
    return this.policies.find((p) => p.id === id);
  }
  async policyQuota(): Promise<number> {
    this.calls.quota++;
    this.maybeFail();
    return 32;
  }
  findByName(): Promise<PolicyRecord | undefined> {
    throw new Error("not used");
  }
  create(): Promise<PolicyRecord> {
    throw new Error("not used");
  }
  update(): Promise<PolicyRecord> {
    throw new Error("not used");
  }
  setServers(): Promise<PolicyRecord> {
    throw new Error("not used");
  }
  delete(): Promise<void> {
    throw new Error("not used");
  }
}

const ids = (list: PolicyRecord[]) => list.map((p) => p.id).sort();

describe("the process's policy cache", () => {
  it("lists once for any number of callers and applies our own writes and deletes to that listing", async () => {
    const backend = new CountingBackend();
    const cache = new PolicyCache(backend);
    assert.deepEqual(ids(await cache.livePolicies()), ["a", "b"]);
    cache.noteWritten(record("c"));
    cache.noteWritten({ ...record("a"), description: "changed" });
    cache.noteDeleted("b");
    const live = await cache.livePolicies();
    assert.deepEqual(ids(live), ["a", "c"]);
    assert.equal(live.find((p) => p.id === "a")?.description, "changed");
    assert.equal(backend.calls.list, 1);
  });

  it("lists afresh after invalidate (a write whose outcome is unknown)", async () => {
    const backend = new CountingBackend();
    const cache = new PolicyCache(backend);
    await cache.livePolicies();
    backend.policies.push(record("x"));
    cache.invalidate();
    assert.deepEqual(ids(await cache.livePolicies()), ["a", "b", "x"]);
    assert.equal(backend.calls.list, 2);
  });

  it("does not remember a failed listing, quota read or read, even when a write was noted meanwhile", async () => {
    const backend = new CountingBackend();
    const cache = new PolicyCache(backend);
    backend.failNext = 3;
    const listing = cache.livePolicies();
    cache.noteWritten(record("c"));
    await assert.rejects(listing, /connection reset/);
    await assert.rejects(cache.policyQuota(), /connection reset/);
    await assert.rejects(cache.readPolicy("a"), /connection reset/);
    assert.deepEqual(ids(await cache.livePolicies()), ["a", "b"]);
    assert.equal(await cache.policyQuota(), 32);
    assert.equal((await cache.readPolicy("a"))?.id, "a");
    assert.deepEqual(backend.calls, { list: 2, get: 2, quota: 2 });
  });

  it("reads the quota once, and each policy once for the read hooks until our own write changes it", async () => {
    const backend = new CountingBackend();
    const cache = new PolicyCache(backend);
    await Promise.all([cache.policyQuota(), cache.policyQuota(), cache.readPolicy("a"), cache.readPolicy("a"), cache.readPolicy("b")]);
    assert.deepEqual(backend.calls, { list: 0, get: 2, quota: 1 });
    cache.noteWritten(record("a"));
    await cache.readPolicy("a");
    assert.equal(backend.calls.get, 3);
  });
});
