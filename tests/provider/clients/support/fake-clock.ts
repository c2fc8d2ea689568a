import type { Clock } from "../../../../provider/clients/retry";

/** A clock whose sleeps only move its time forward, recording each one, so waiting code runs instantly. */
export function fakeClock(start = 0): { clock: Clock; sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    clock: {
      now: () => now,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        now += ms;
      },
    },
  };
}
