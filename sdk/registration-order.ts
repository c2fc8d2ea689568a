/**
 * Internal to the SDK: in an `up`, hands the engine the associations of one policy together, one policy after the
 * next. The engine checks resources in the order their registrations reach it and runs at most `--parallel` of
 * them at once; when two policies' ids resolve at the same moment their associations reach it interleaved, and
 * the slots then hold the associations of two or three policies, none of which has all its siblings in: the
 * provider must write one of those lists twice (runtime/write-batches.ts). Spacing the policies' groups a few
 * milliseconds apart (the engine spends longer than that on each group) keeps each group in one piece. A preview
 * writes nothing, so it is not held.
 */
import * as pulumi from "@pulumi/pulumi";

/** Between two policies' groups: more than the engine's jitter between registrations sent together. */
export const GROUP_GAP_MS = 30;

interface Group {
  /** Members whose policy id is known, waiting for the group's turn. */
  ready: Array<() => void>;
  released: boolean;
}

interface Order {
  groups: Map<string, Group>;
  queue: Group[];
  pumping: boolean;
}

const ORDERS_KEY = Symbol.for("pulumi-csbs.sdk-registration-orders");

/**
 * One order per Pulumi stack run, shared by every copy of the SDK: the groups are named by the stack pass's keys,
 * which start again in each run, so a second run in one process (Automation API) must not find its groups released.
 */
function order(): Order {
  const holder = globalThis as unknown as Record<symbol, WeakMap<object, Order> | undefined>;
  const orders = (holder[ORDERS_KEY] ??= new WeakMap());
  const run: object = pulumi.runtime.getStackResource() ?? holder;
  let found = orders.get(run);
  if (found === undefined) {
    found = { groups: new Map(), queue: [], pumping: false };
    orders.set(run, found);
  }
  return found;
}

function pump(o: Order): void {
  const next = o.queue.shift();
  if (!next) {
    o.pumping = false;
    return;
  }
  o.pumping = true;
  next.released = true;
  for (const release of next.ready.splice(0)) release();
  setTimeout(() => pump(o), GROUP_GAP_MS);
}

/**
 * The policy's number of associations (`count`, from the stack pass), once the association's policy id is known
 * and its policy's group has had its turn (`policyKey` names the group: the stack pass's key of the policy); at
 * once in a preview, without a key, or for a policy of one association (its batch never waits for a sibling, so
 * it cannot hold a slot another policy's group needs).
 */
export function inPolicyOrder(count: Promise<number | undefined>, policyId: pulumi.Input<string>, policyKey: string | undefined): Promise<number | undefined> {
  if (policyKey === undefined || pulumi.runtime.isDryRun()) return count;
  // `promise()` is not in the public typings, but every Output has it; without it, no ordering.
  const settled = (pulumi.output(policyId) as unknown as { promise?: () => Promise<unknown> }).promise?.();
  if (settled === undefined) return count;
  const o = order();
  // A policy that fails leaves its associations to fail on policyId itself: they are not held.
  return Promise.all([count, settled]).then(
    async ([n]) => {
      if (n === undefined || n < 2) return n;
      let group = o.groups.get(policyKey);
      if (!group) {
        group = { ready: [], released: false };
        o.groups.set(policyKey, group);
        o.queue.push(group);
      }
      if (!group.released) {
        const g = group;
        await new Promise<void>((resolve) => {
          g.ready.push(resolve);
          if (!o.pumping) {
            o.pumping = true;
            setTimeout(() => pump(o), 0);
          }
        });
      }
      return n;
    },
    () => count,
  );
}
