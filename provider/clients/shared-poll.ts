/**
 * Waiting for several objects at once with one request per look: each waiter keeps its own spaced schedule
 * (retry.ts's doubling delays, capped, with a deadline), and the waiters due at about the same time are asked
 * about together, with one GET of the object when one is due and one listing when several are. A deployment
 * that creates many policies at once (each `creating` for a while) then polls about as often as one policy
 * would, instead of once per policy.
 */
import { systemClock, waitDelayMs, type Clock, type WaitPolicy } from "./retry";

/**
 * One look: the objects by id. `authoritative` is true when an id missing from the answer is really gone (a
 * GET that said 404), false for a listing (it may lag behind a create).
 */
export type PollFetch<T> = (ids: readonly string[]) => Promise<{ found: Map<string, T>; authoritative: boolean }>;

/** Judges one look at the object: a value ends the wait, undefined waits on, a throw fails the wait. */
export type PollJudge<T, R> = (item: T | undefined, authoritative: boolean) => R | undefined;

interface Waiter<T> {
  id: string;
  attempt: number;
  dueAt: number;
  deadline: number;
  judge: PollJudge<T, unknown>;
  onTimeout: () => Error;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class SharedPoll<T> {
  private readonly waiters = new Set<Waiter<T>>();
  private loop?: Promise<void>;

  constructor(
    private readonly fetch: PollFetch<T>,
    private readonly policy: WaitPolicy,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Waits until `judge` accepts a look at `id`. The first look is `initialDelayMs` from now: the caller has
   * just seen the object (e.g. in the create's answer), so looking again at once would learn nothing.
   */
  wait<R>(id: string, judge: PollJudge<T, R>, onTimeout: () => Error): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const now = this.clock.now();
      this.waiters.add({
        id,
        attempt: 0,
        dueAt: now + waitDelayMs(0, this.policy),
        deadline: now + this.policy.timeoutMs,
        judge,
        onTimeout,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.loop ??= this.run().finally(() => (this.loop = undefined));
    });
  }

  /** Waiters (tests). */
  get waiting(): number {
    return this.waiters.size;
  }

  private async run(): Promise<void> {
    // Waiters added in the same turn (a wave of creates answered together) plan their first look together.
    await null;
    while (this.waiters.size > 0) {
      const next = Math.min(...[...this.waiters].map((w) => w.dueAt));
      const pause = next - this.clock.now();
      if (pause > 0) await this.clock.sleep(pause);
      // Everyone due within half a first delay joins this look: a bit early costs nothing, a separate request does.
      const horizon = this.clock.now() + waitDelayMs(0, this.policy) / 2;
      const due = [...this.waiters].filter((w) => w.dueAt <= horizon);
      const ids = [...new Set(due.map((w) => w.id))];
      let look: Awaited<ReturnType<PollFetch<T>>>;
      try {
        look = await this.fetch(ids);
      } catch (err) {
        for (const w of due) this.settle(w, () => w.reject(err));
        continue;
      }
      const now = this.clock.now();
      for (const w of due) {
        let value: unknown;
        try {
          value = w.judge(look.found.get(w.id), look.authoritative);
        } catch (err) {
          this.settle(w, () => w.reject(err));
          continue;
        }
        if (value !== undefined) {
          this.settle(w, () => w.resolve(value));
          continue;
        }
        w.attempt++;
        const delay = waitDelayMs(w.attempt, this.policy);
        if (now + delay > w.deadline) this.settle(w, () => w.reject(w.onTimeout()));
        else w.dueAt = now + delay;
      }
    }
  }

  private settle(w: Waiter<T>, action: () => void): void {
    this.waiters.delete(w);
    action();
  }
}
