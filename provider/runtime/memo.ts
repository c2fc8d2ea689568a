/**
 * A promise kept for later callers unless it rejects: a failed request is never remembered, so the next
 * caller asks again instead of inheriting a stale error (a typo fixed in config, a network blip).
 */
export class Memo<T> {
  private pending?: Promise<T>;

  /** The kept promise, or a new one from `start` (kept until it rejects or {@link clear}). */
  get(start: () => Promise<T>): Promise<T> {
    if (this.pending) return this.pending;
    const started = start();
    this.pending = started;
    started.catch(() => {
      if (this.pending === started) this.pending = undefined;
    });
    return started;
  }

  /** The kept promise, if any. */
  peek(): Promise<T> | undefined {
    return this.pending;
  }

  /** Replaces the kept promise (e.g. with one derived from it); dropped in turn if it rejects. */
  set(next: Promise<T>): void {
    this.pending = next;
    next.catch(() => {
      if (this.pending === next) this.pending = undefined;
    });
  }

  clear(): void {
    this.pending = undefined;
  }
}

/** One {@link Memo} per key. */
export class MemoMap<K, T> {
  private readonly memos = new Map<K, Memo<T>>();

  get(key: K, start: () => Promise<T>): Promise<T> {
    let memo = this.memos.get(key);
    if (!memo) {
      memo = new Memo<T>();
      this.memos.set(key, memo);
    }
    return memo.get(start);
  }

  delete(key: K): void {
    this.memos.delete(key);
  }

  clear(): void {
    this.memos.clear();
  }
}
