/**
 * The cloud's clock: real time plus an offset that tests move through the admin API.
 *
 * Listeners (the scheduler) see every stretch of time exactly once and in order: a ticker reports real time
 * passing, and `set`/`advance` report the jump, all through one promise chain so stretches never overlap.
 * While listeners run for (from, to], `now()` already reads `to`; records of what happened in between
 * should carry the occurrence times the listener computes, not `now()`.
 * Moving the clock backwards is allowed (a test may start a scenario on a past Monday) but reports nothing.
 */
import type { Clock } from "./contracts";

type Listener = (from: Date, to: Date) => Promise<void>;

/** Options of {@link CloudClock}. */
export interface CloudClockOptions {
  /** Start the virtual clock here instead of at real time. @default real time */
  start?: Date;
  /** Offset to restore (ms from real time), e.g. read back from the state dir; wins over `start`. @default undefined */
  offsetMs?: number;
  /** How often real time passing is reported to listeners. @default 1000 */
  tickMs?: number;
  /** Called after every set/advance with the new offset, so it can be persisted. @default undefined */
  onOffsetChange?: (offsetMs: number) => void;
  /** Called when a listener throws (the clock keeps going). @default undefined */
  onError?: (error: unknown) => void;
}

export class CloudClock implements Clock {
  private offsetMs: number;
  private reported: number;
  private readonly listeners: Listener[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: CloudClockOptions = {}) {
    this.offsetMs = options.offsetMs ?? (options.start ? options.start.getTime() - Date.now() : 0);
    this.reported = this.nowMs();
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** The offset from real time in milliseconds (0 for a real clock). */
  offset(): number {
    return this.offsetMs;
  }

  onAdvance(listener: Listener): void {
    this.listeners.push(listener);
  }

  set(to: Date): Promise<void> {
    if (Number.isNaN(to.getTime())) return Promise.reject(new RangeError("clock.set: invalid date"));
    return this.enqueue(() => {
      this.offsetMs = to.getTime() - Date.now();
      this.options.onOffsetChange?.(this.offsetMs);
    });
  }

  advance(seconds: number): Promise<void> {
    if (!Number.isFinite(seconds)) return Promise.reject(new RangeError("clock.advance: seconds must be finite"));
    return this.enqueue(() => {
      this.offsetMs += seconds * 1000;
      this.options.onOffsetChange?.(this.offsetMs);
    });
  }

  /** Starts reporting real time passing to listeners. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.enqueue(() => undefined), this.options.tickMs ?? 1000);
    this.timer.unref();
  }

  /** Stops the ticker and waits for listeners in flight. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.chain;
  }

  /** Resolves once every stretch reported so far has been handled. */
  idle(): Promise<void> {
    return this.chain;
  }

  private nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  private enqueue(move: () => void): Promise<void> {
    const step = this.chain.then(async () => {
      move();
      const to = this.nowMs();
      const from = this.reported;
      this.reported = to;
      if (to <= from) return;
      for (const listener of this.listeners) {
        try {
          await listener(new Date(from), new Date(to));
        } catch (error) {
          this.options.onError?.(error);
        }
      }
    });
    this.chain = step.catch(() => undefined);
    return step;
  }
}
