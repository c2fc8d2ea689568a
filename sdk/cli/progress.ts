/**
 * Live progress of several items (servers) on a terminal through listr2 (one spinner line per item), or one
 * plain line per change of state when stdout is not a terminal.
 */
import { Listr, type ListrTaskWrapper } from "listr2";
import type { Terminal } from "./terminal";

export interface ItemState {
  key: string;
  label: string;
  /** The current state word. */
  status: string;
  /** Finished well, finished badly, or still going. */
  outcome: "running" | "done" | "failed";
  detail?: string;
}

export type ProgressSink = (items: ItemState[]) => void;

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (err: Error) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Runs `work`, showing the progress it reports through the sink (the first report names the items). */
export async function showProgress<T>(term: Terminal, work: (sink: ProgressSink) => Promise<T>): Promise<T> {
  if (!term.interactive) {
    const last = new Map<string, string>();
    return work((items) => {
      for (const item of items) {
        const line = `${item.label}: ${item.status}${item.detail ? ` (${item.detail})` : ""}`;
        if (last.get(item.key) !== line) term.out(line);
        last.set(item.key, line);
      }
    });
  }
  const waits = new Map<string, Deferred>();
  const tasks = new Map<string, ListrTaskWrapper<unknown, never, never>>();
  let shown: Promise<unknown> | undefined;
  const title = (item: ItemState) => `${item.label}: ${item.status}${item.detail ? ` (${item.detail})` : ""}`;
  const sink: ProgressSink = (items) => {
    if (!shown) {
      for (const item of items) waits.set(item.key, deferred());
      const list = new Listr(items.map((item) => ({
        title: title(item),
        task: async (_ctx: unknown, task: ListrTaskWrapper<unknown, never, never>) => {
          tasks.set(item.key, task);
          await waits.get(item.key)?.promise;
        },
      })), { concurrent: true, exitOnError: false });
      shown = list.run().catch(() => undefined);
    }
    for (const item of items) {
      const task = tasks.get(item.key);
      if (task) task.title = title(item);
      if (item.outcome === "done") waits.get(item.key)?.resolve();
      if (item.outcome === "failed") waits.get(item.key)?.reject(new Error(title(item)));
    }
  };
  try {
    const result = await work(sink);
    for (const wait of waits.values()) wait.resolve();
    await shown;
    return result;
  } catch (err) {
    for (const wait of waits.values()) wait.reject(err instanceof Error ? err : new Error(String(err)));
    await shown;
    throw err;
  }
}
