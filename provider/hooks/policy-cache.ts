/**
 * What one provider process (one engine operation) remembers about the project's policies, so that a
 * deployment of many resources costs one listing and one quota read rather than one per resource (issue 7):
 * - the listing the preview-time rules and `create`'s name lookup use, kept current by our own writes
 *   (`noteWritten`, `noteDeleted`) and dropped after a write whose outcome is unknown (`invalidate`);
 * - the policy quota (it does not change during one operation);
 * - one GET per policy for the `read` hooks, so a policy and its associations refresh from one request.
 * A failed request is never remembered: the next caller asks again.
 */
import type { PolicyBackend, PolicyRecord } from "../backends/policy-backend";

export class PolicyCache {
  private live?: Promise<PolicyRecord[]>;
  private quota?: Promise<number>;
  private readonly reads = new Map<string, Promise<PolicyRecord | undefined>>();

  constructor(private readonly backend: PolicyBackend) {}

  /** The project's policies: listed on first use, then as our own writes left them. */
  livePolicies(): Promise<PolicyRecord[]> {
    if (!this.live) {
      const listing: Promise<PolicyRecord[]> = this.backend.list().catch((err: unknown) => {
        if (this.live === listing) this.live = undefined;
        throw err;
      });
      this.live = listing;
    }
    return this.live;
  }

  /** Puts a policy as our write left it into the listing (when there is one), and drops its memoized read. */
  noteWritten(record: PolicyRecord): void {
    this.reads.delete(record.id);
    this.amend((list) => [...list.filter((p) => p.id !== record.id), record]);
  }

  /** Takes a policy we deleted out of the listing. */
  noteDeleted(id: string): void {
    this.reads.delete(id);
    this.amend((list) => list.filter((p) => p.id !== id));
  }

  /** Forgets the listing and every memoized read: after a write whose outcome is unknown, only a new look is safe. */
  invalidate(): void {
    this.live = undefined;
    this.reads.clear();
  }

  /** The project's policy quota, asked once. */
  policyQuota(): Promise<number> {
    if (!this.quota) {
      const asked: Promise<number> = this.backend.policyQuota().catch((err: unknown) => {
        if (this.quota === asked) this.quota = undefined;
        throw err;
      });
      this.quota = asked;
    }
    return this.quota;
  }

  /** The policy for a `read` hook, fetched once per process. Writes never use it (they must see the latest). */
  readPolicy(id: string): Promise<PolicyRecord | undefined> {
    let read = this.reads.get(id);
    if (!read) {
      const fetched: Promise<PolicyRecord | undefined> = this.backend.get(id).catch((err: unknown) => {
        if (this.reads.get(id) === fetched) this.reads.delete(id);
        throw err;
      });
      read = fetched;
      this.reads.set(id, read);
    }
    return read;
  }

  private amend(change: (list: PolicyRecord[]) => PolicyRecord[]): void {
    const before = this.live;
    if (!before) return;
    const after = before.then(change);
    this.live = after;
    // Handled here so that a failed listing nobody awaits again is forgotten, not an unhandled rejection.
    after.catch(() => {
      if (this.live === after) this.live = undefined;
    });
  }
}
