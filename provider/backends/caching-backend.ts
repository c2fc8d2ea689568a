/**
 * The backend the hooks see: the real one, plus what one provider process (one engine operation) remembers
 * about the project's policies, so a deployment of many resources costs one listing and one quota read
 * rather than one per resource:
 * - the listing (`list`), taken on first use and then kept current by every write made through this object;
 *   any failed write drops it (its outcome may be unknown), so the next caller lists again;
 * - the policy quota (it does not change during one operation);
 * - one GET per policy for the `read` hooks (`readOnce`), so a policy and its associations refresh from one
 *   request; a write of that policy drops it.
 * No hook maintains any of this by hand: writing through the decorator is what keeps it right.
 */
import { Memo, MemoMap } from "../runtime/memo";
import type { PolicyBackend, PolicyRecord, PolicySpec } from "./policy-backend";

/** The reads a writer may make past the cache, when it must see other writers' latest changes. */
export type UncachedReads = Pick<PolicyBackend, "list" | "get" | "findByName">;

export class CachingBackend implements PolicyBackend {
  readonly api: PolicyBackend["api"];
  private readonly listing = new Memo<PolicyRecord[]>();
  private readonly quota = new Memo<number>();
  private readonly reads = new MemoMap<string, PolicyRecord | undefined>();
  /** The listing as it stands, by id, once it has arrived (for synchronous looks: `listedNow`). */
  private known?: Map<string, PolicyRecord>;

  constructor(private readonly inner: PolicyBackend) {
    this.api = inner.api;
  }

  /** Reads straight from the cloud, for a read-modify-write that must see everyone's latest writes. */
  get uncached(): UncachedReads {
    return this.inner;
  }

  /** The project's policies: listed on first use, then as the writes through this object left them. */
  list(): Promise<PolicyRecord[]> {
    return this.listing.get(() =>
      this.inner.list().then((list) => {
        this.known = new Map(list.map((p) => [p.id, p]));
        return list;
      }),
    );
  }

  /** The policy as the listing and our writes since have it, without waiting; undefined when not listed yet. */
  listedNow(id: string): PolicyRecord | undefined {
    return this.known?.get(id);
  }

  /** The policy as the cloud has it now (never cached: writers read before they write). */
  get(id: string): Promise<PolicyRecord | undefined> {
    return this.inner.get(id);
  }

  findByName(name: string): Promise<PolicyRecord | undefined> {
    return this.inner.findByName(name);
  }

  /** The policy for a `read` hook, fetched once per process. */
  readOnce(id: string): Promise<PolicyRecord | undefined> {
    return this.reads.get(id, () => this.inner.get(id));
  }

  /** The usable policy (the cloud's, never cached); the listing takes the record it ends with. */
  async usable(id: string, seen?: PolicyRecord): Promise<PolicyRecord | undefined> {
    const record = await this.inner.usable(id, seen);
    if (record && record !== seen) this.noteRead(record);
    return record;
  }

  policyQuota(): Promise<number> {
    return this.quota.get(() => this.inner.policyQuota());
  }

  create(spec: PolicySpec): Promise<PolicyRecord> {
    return this.written(this.inner.create(spec));
  }

  update(id: string, spec: PolicySpec, current?: PolicyRecord): Promise<PolicyRecord> {
    return this.written(this.inner.update(id, spec, current));
  }

  setServers(id: string, serverIds: string[]): Promise<PolicyRecord> {
    return this.written(this.inner.setServers(id, serverIds));
  }

  async delete(id: string): Promise<void> {
    try {
      await this.inner.delete(id);
    } catch (err) {
      this.forget();
      throw err;
    }
    this.reads.delete(id);
    this.known?.delete(id);
    this.amend((list) => list.filter((p) => p.id !== id));
  }

  /**
   * Forgets the listing and every kept read: after a write whose outcome is unknown, only a new look is safe.
   * Private: the decorator keeps itself current, so no caller has anything to remember.
   */
  private forget(): void {
    this.listing.clear();
    this.reads.clear();
    this.known = undefined;
  }

  private async written(write: Promise<PolicyRecord>): Promise<PolicyRecord> {
    let record: PolicyRecord;
    try {
      record = await write;
    } catch (err) {
      this.forget();
      throw err;
    }
    this.noteRead(record);
    return record;
  }

  /** The policy as the cloud has just shown it, in place of what the listing and the kept reads had. */
  private noteRead(record: PolicyRecord): void {
    this.reads.delete(record.id);
    this.known?.set(record.id, record);
    this.amend((list) => [...list.filter((p) => p.id !== record.id), record]);
  }

  private amend(change: (list: PolicyRecord[]) => PolicyRecord[]): void {
    const before = this.listing.peek();
    if (before) this.listing.set(before.then(change));
  }
}
