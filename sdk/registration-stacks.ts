/**
 * Internal to the SDK: while a resource's constructor hands it to Pulumi (`super(...)`), new errors capture no
 * stack frames. The Pulumi SDK gives each property of a resource four promises and records `new Error().stack`
 * on each (runtime/debuggable.ts), shown only in a promise-leak report; in the language host each of those stacks
 * is source-mapped frame by frame, about 0.1 ms apiece, so a BackupPolicy's 20 properties cost 8 ms before
 * anything is sent, 0.3 s of a 64-resource preview spent in the program ahead of the engine's first call. The
 * resource's source position is unaffected (Pulumi raises the limit itself to read it); with
 * PULUMI_DEBUG_PROMISE_LEAKS set the stacks are recorded as before, for whoever is hunting a leak.
 */

/** The limit lowered; `restore` it in a `finally`. */
export interface ShallowStacks {
  restore(): void;
  /** An error Pulumi threw meanwhile, given the stack of the constructor that rethrows it (the user's `new` is in it). */
  restacked(err: unknown): unknown;
}

export function shallowStacksDuringRegistration(): ShallowStacks {
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return { restore: () => undefined, restacked: (err) => err };
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const restore = () => {
    Error.stackTraceLimit = limit;
  };
  return {
    restore,
    restacked(err) {
      restore();
      if (err instanceof Error) Error.captureStackTrace(err, this.restacked);
      return err;
    },
  };
}
