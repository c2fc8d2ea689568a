/** Hooks the scheduler to the cloud's clock. */
import type { CloudContext } from "../core/contracts";
import { createScheduler } from "./scheduler";

/**
 * Registers the scheduler on `ctx.clock.onAdvance`. The core's clock reports real time passing through the
 * same listener (a 1 s ticker), so a real clock runs schedules without a timer of our own. Returns a detach
 * function: after it, clock steps make no runs (the clock has no way to remove a listener).
 */
export function attachScheduler(ctx: CloudContext): () => void {
  const scheduler = createScheduler(ctx);
  let attached = true;
  ctx.clock.onAdvance((from, to) => (attached ? scheduler.advance(from, to) : Promise.resolve()));
  return () => {
    attached = false;
  };
}
