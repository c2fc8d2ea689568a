/**
 * Gathers changes to one policy's server list that arrive at about the same time, so they are applied as ONE
 * read-modify-write: the engine runs several association operations at once, and when 8 associations of one
 * policy change, 8 separate GET+PUT rounds (serialized, because each rewrites the whole list) cost 8 times
 * the requests and most of the wall time. Per key (policy id) at most one batch runs at a time; changes that
 * arrive while it runs wait for the next one. Each change still settles on its own (the runner reports one
 * outcome per change).
 *
 * When to stop gathering is not something the engine says. A batch starts at once when `complete` (asked on
 * every arrival and every `nudge`) says no other change is expected; otherwise when no change arrived for
 * `quietMs`, and in any case `maxWaitMs` after its first change, so a change that never comes costs a bounded
 * wait, never a hang. When `complete` knows a change is coming (its resource is checked, or the program declared
 * it), quiet proves nothing (the engine may be busy elsewhere): only `maxWaitMs` bounds that wait.
 *
 * The engine runs at most `capacity` resource operations at once (its `--parallel`), and it checks the next
 * resource only when one of them ends. Once that many changes wait here, none can end and no further change can
 * come: waiting for the quiet timer would only idle the whole deployment. The batch with the most changes then
 * starts at once (it frees the most of the engine's slots, so the most siblings of the other batches can join
 * them before this happens again).
 */

/** One outcome per change, in the order the runner received them. */
export type BatchOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * What `complete` says of the changes gathered so far: true, start now; "expected", a change known to be on its
 * way (wait for it, at most `maxWaitMs`); false, it cannot tell (wait until `quietMs` passed with no arrival).
 */
export type Readiness = boolean | "expected";

/** Applies a batch; must return exactly one outcome per change. */
export type BatchRunner<C, R> = (changes: readonly C[]) => Promise<Array<BatchOutcome<R>>>;

export interface BatchTiming {
  /** Start the batch when no change arrived for this long. */
  quietMs: number;
  /** Start the batch at the latest this long after its first change. */
  maxWaitMs: number;
}

/**
 * The fallback when `complete` cannot tell (a delete, a policy holding servers of no association checked here):
 * long enough to span the engine's steps between siblings on a loaded machine, short next to an `up`.
 */
export const DEFAULT_BATCH_TIMING: BatchTiming = { quietMs: 250, maxWaitMs: 2000 };

interface Pending<C, R> {
  change: C;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

interface Gathering<C, R> {
  items: Array<Pending<C, R>>;
  run: BatchRunner<C, R>;
  complete: (changes: readonly C[]) => Readiness;
  firstAt: number;
  lastAt: number;
  timer?: ReturnType<typeof setTimeout>;
}

export class WriteBatches {
  private readonly gathering = new Map<string, Gathering<unknown, unknown>>();
  private readonly running = new Set<string>();
  /** Batches started per key (tests and the bench read it). */
  readonly started = new Map<string, number>();

  /** The engine's parallelism, when known (useCapacity); undefined: only `complete` and the timers start batches. */
  private capacity: number | undefined;

  constructor(private readonly timing: BatchTiming = DEFAULT_BATCH_TIMING) {}

  /** How many resource operations the engine runs at once; ignored unless a whole number of at least 1. */
  useCapacity(capacity: number | undefined): void {
    if (capacity !== undefined && Number.isInteger(capacity) && capacity >= 1) this.capacity = capacity;
  }

  /**
   * Queues `change` for `key`. `run` and `complete` of the batch's first change are used for the whole batch
   * (every caller of one key passes the same functions).
   */
  submit<C, R>(key: string, change: C, run: BatchRunner<C, R>, complete: (changes: readonly C[]) => Readiness): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let batch = this.gathering.get(key) as Gathering<C, R> | undefined;
      if (!batch) {
        batch = { items: [], run, complete, firstAt: Date.now(), lastAt: 0 };
        this.gathering.set(key, batch as Gathering<unknown, unknown>);
      }
      batch.lastAt = Date.now();
      batch.items.push({ change, resolve, reject });
      this.consider(key);
    });
  }

  /** Something the `complete` checks read has changed (e.g. another association was checked): look again. */
  nudge(): void {
    for (const key of [...this.gathering.keys()]) this.consider(key);
  }

  /** Changes gathered and not started, over every key. */
  waiting(): number {
    let n = 0;
    for (const batch of this.gathering.values()) n += batch.items.length;
    return n;
  }

  /** Keys with changes gathering or running (tests). */
  busy(): string[] {
    return [...new Set([...this.gathering.keys(), ...this.running])];
  }

  private consider(key: string): void {
    const batch = this.gathering.get(key);
    if (!batch || this.running.has(key)) return;
    let done: Readiness = false;
    try {
      done = batch.complete(batch.items.map((i) => i.change));
    } catch {
      // A failing check must not strand the changes: fall back to the timers.
    }
    if (done === true) {
      this.start(key);
      return;
    }
    if (this.stalled()) {
      const largest = this.largestWaiting();
      this.start(largest);
      if (largest === key) return;
    }
    if (batch.timer) clearTimeout(batch.timer);
    // Quiet is counted from the last change, not from the last nudge: checks may run ahead of writes the
    // engine cannot start (its parallelism is taken), and must not hold the batch back until maxWaitMs.
    const latest = batch.firstAt + this.timing.maxWaitMs;
    const wait = Math.max(0, (done === "expected" ? latest : Math.min(batch.lastAt + this.timing.quietMs, latest)) - Date.now());
    batch.timer = setTimeout(() => this.start(key), wait);
  }

  /**
   * True when every slot of the engine is taken by a change waiting here: a batch that runs would end some of
   * them (and look again), so only a deployment with nothing running is stalled.
   */
  private stalled(): boolean {
    return this.capacity !== undefined && this.running.size === 0 && this.waiting() >= this.capacity;
  }

  /** The gathering key with the most changes; the one gathering longest among equals. */
  private largestWaiting(): string {
    let best: [string, Gathering<unknown, unknown>] | undefined;
    for (const entry of this.gathering) {
      const [, batch] = entry;
      if (!best || batch.items.length > best[1].items.length || (batch.items.length === best[1].items.length && batch.firstAt < best[1].firstAt)) best = entry;
    }
    return best![0];
  }

  private start(key: string): void {
    const batch = this.gathering.get(key);
    if (!batch || this.running.has(key)) return;
    if (batch.timer) clearTimeout(batch.timer);
    this.gathering.delete(key);
    this.running.add(key);
    this.started.set(key, (this.started.get(key) ?? 0) + 1);
    const items = batch.items;
    const settle = (outcomes: Array<BatchOutcome<unknown>>) => {
      items.forEach((item, i) => {
        const o = outcomes[i];
        if (!o) item.reject(new Error(`internal: the batch runner reported ${outcomes.length} outcomes for ${items.length} changes`));
        else if (o.ok) item.resolve(o.value);
        else item.reject(o.error);
      });
    };
    batch
      .run(items.map((i) => i.change))
      .then(settle, (error: unknown) => settle(items.map(() => ({ ok: false, error }))))
      .finally(() => {
        this.running.delete(key);
        // Whatever arrived meanwhile had the whole run to gather: look at it now.
        this.consider(key);
        // Changes of other keys may fill the engine's slots now that nothing runs.
        if (this.stalled()) this.start(this.largestWaiting());
      });
  }
}
