/**
 * Changes which servers a policy holds, for one association, without losing anyone else's servers: a
 * read-modify-write of the whole list, serialized per policy in this process, verified against the policy
 * the write returns and repeated if it does not hold what we wrote. One read and one write per change
 * (the request budget): a second GET right after the PUT would only see a writer that came in the same few milliseconds.
 */
import type { PolicyRecord } from "../backends/policy-backend";
import type { ProviderContext } from "./context";
import { UserFacingError } from "./errors";
import { serversDeclaredByOthers, serversMovingWithinDeployment } from "../runtime/deployment-registry";
import { providerRuntime } from "../runtime/provider-runtime";

const MAX_ROUNDS = 5;

export interface MembershipChange {
  policyId: string;
  /** Servers this association must have in the policy. */
  add: readonly string[];
  /** Servers this association gives up (never touched if also in `add`). */
  remove: readonly string[];
  /** Take `add` servers out of other policies first. */
  takeOver: boolean;
  resourceName: string;
  label: string;
}

/** Applies the change; returns the policy as read after the write, or undefined when the policy is gone. */
export async function changeMembership(ctx: ProviderContext, change: MembershipChange): Promise<PolicyRecord | undefined> {
  if (change.add.length > 0) await releaseFromOtherPolicies(ctx, change);
  const declaredByOthers = serversDeclaredByOthers(providerRuntime().deployment.snapshot(), change.policyId, change.resourceName);
  // A server moving to another association of the same policy must stay: if that association wrote first,
  // removing it here would leave the server unprotected.
  const remove = change.remove.filter((s) => !declaredByOthers.has(s));
  return rewrite(ctx, change.policyId, change.add, remove, change.label);
}

/** Moves servers held by other policies when the user allowed it, or when they move within this deployment. */
async function releaseFromOtherPolicies(ctx: ProviderContext, change: MembershipChange): Promise<void> {
  const moving = change.takeOver ? undefined : serversMovingWithinDeployment(providerRuntime().deployment.snapshot(), change.resourceName);
  const movable = new Set(change.add.filter((s) => moving === undefined || moving.has(s)));
  // Nothing may be taken from another policy: no need to list them (the common case costs no listing).
  if (movable.size === 0) return;
  // Other writers may have moved servers since the check listed them: this step reads the cloud itself.
  const live = await ctx.backend.uncached.list();
  const byPolicy = new Map<string, string[]>();
  for (const p of live) {
    if (p.id === change.policyId) continue;
    const taken = p.serverIds.filter((s) => movable.has(s));
    if (taken.length > 0) byPolicy.set(p.id, taken);
  }
  for (const [otherId, servers] of byPolicy) await rewrite(ctx, otherId, [], servers, change.label);
}

async function rewrite(
  ctx: ProviderContext,
  policyId: string,
  add: readonly string[],
  remove: readonly string[],
  label: string,
): Promise<PolicyRecord | undefined> {
  const dropping = remove.filter((s) => !add.includes(s));
  return providerRuntime().locks.run(policyId, async () => {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const current = await ctx.backend.get(policyId);
      if (!current) return undefined;
      const desired = [...current.serverIds.filter((s) => !dropping.includes(s))];
      for (const s of add) if (!desired.includes(s)) desired.push(s);
      if (sameSet(desired, current.serverIds)) return current;
      const after = await ctx.backend.setServers(policyId, desired);
      if (add.every((s) => after.serverIds.includes(s)) && dropping.every((s) => !after.serverIds.includes(s))) return after;
    }
    throw new UserFacingError(
      `${label}: the server list of policy ${policyId} kept changing under another writer during ${MAX_ROUNDS} attempts to update it: ` +
        "another tool or stack is editing the same policy; stop it and run the command again",
    );
  });
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s) => b.includes(s));
}
