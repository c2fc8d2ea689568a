/**
 * Changes which servers a policy holds, for one association, without losing anyone else's servers: a
 * read-modify-write of the whole list, verified against the policy the write returns and repeated if it does
 * not hold what we wrote. Changes of several associations of one policy that the engine asks for at the same
 * time are gathered (runtime/write-batches.ts) into ONE read and ONE write, serialized per policy in this
 * process; each association still gets its own result and its own error. A second GET right after the PUT
 * would only see a writer that came in the same few milliseconds, so the PUT's answer is what is verified.
 * The read is of the policy once it is usable: a policy created moments ago (CSBS shows `creating`) is waited for
 * here, with every other policy waited for at the time, and one that ends in error fails this association.
 */
import type { PolicyRecord } from "../backends/policy-backend";
import type { ProviderContext } from "./context";
import { UserFacingError } from "./errors";
import { changesServersOf, serversDeclaredByOthers, serversMovingWithinDeployment, type AssociationEntry } from "../runtime/deployment-registry";
import type { BatchOutcome, Readiness } from "../runtime/write-batches";
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
  const declaredByOthers = serversDeclaredByOthers(providerRuntime().deployment.snapshot((await ctx.place()).key), change.policyId, change.resourceName);
  // A server moving to another association of the same policy must stay: if that association wrote first,
  // removing it here would leave the server unprotected.
  const remove = change.remove.filter((s) => !declaredByOthers.has(s));
  return rewrite(ctx, change.policyId, change.add, remove, change.label, change.resourceName);
}

/** Moves servers held by other policies when the user allowed it, or when they move within this deployment. */
async function releaseFromOtherPolicies(ctx: ProviderContext, change: MembershipChange): Promise<void> {
  const moving = change.takeOver ? undefined : serversMovingWithinDeployment(providerRuntime().deployment.snapshot((await ctx.place()).key), change.resourceName);
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

/** One association's part of a batched rewrite of one policy's list. */
interface ListChange {
  add: readonly string[];
  /** Servers to take out (never one that `add` keeps). */
  dropping: readonly string[];
  resourceName: string;
  label: string;
}

function rewrite(
  ctx: ProviderContext,
  policyId: string,
  add: readonly string[],
  remove: readonly string[],
  label: string,
  resourceName = "",
): Promise<PolicyRecord | undefined> {
  const dropping = remove.filter((s) => !add.includes(s));
  const { membershipBatches: batches, deployment } = providerRuntime();
  if (resourceName !== "") deployment.joined(policyId, resourceName);
  return batches.submit<ListChange, PolicyRecord | undefined>(
    policyId,
    { add, dropping, resourceName, label },
    (changes) => providerRuntime().locks.run(policyId, () => applyBatch(ctx, policyId, changes)),
    (changes) => nothingElseExpected(ctx, policyId, changes),
  );
}

/**
 * Whether a batch may start now. It waits while an association whose check declared a change of this policy's
 * list has handed it to no write yet (this batch or an earlier one). When the program told how many associations
 * it declares for the policy, it waits for nothing else once that many are checked. Otherwise it waits while the
 * policy (as the check-time listing, kept current by our writes, has it) holds servers that no association checked
 * so far names: those belong to an association whose check is still on its way. A policy with servers is then
 * fully accounted for; an empty one (associations being created) starts once the engine has moved on to other
 * resources or no other association of it is known.
 */
function nothingElseExpected(ctx: ProviderContext, policyId: string, changes: readonly ListChange[]): Readiness {
  const { deployment } = providerRuntime();
  const joined = new Set(changes.map((c) => c.resourceName));
  const ofPolicy = deployment.everywhere().associations.filter((a) => a.policyId === policyId || a.oldPolicyId === policyId);
  if (ofPolicy.some((a) => !joined.has(a.resourceName) && !deployment.hasJoined(policyId, a.resourceName) && changesServersOf(a, policyId))) return "expected";
  const declared = declaredAssociations(ofPolicy, policyId);
  if (declared !== undefined) return ofPolicy.filter((a) => a.policyId === policyId).length >= declared || "expected";
  const listed = ctx.backend.listedNow(policyId);
  if (listed && listed.serverIds.length > 0) {
    const named = new Set(changes.flatMap((c) => [...c.add, ...c.dropping]));
    for (const a of ofPolicy) [...a.serverIds, ...a.oldServerIds].forEach((s) => named.add(s));
    return listed.serverIds.every((s) => named.has(s));
  }
  return deployment.movedOnFrom(policyId) || ofPolicy.every((a) => joined.has(a.resourceName));
}

/** The most associations of `policyId` that the program said it declares, or undefined when none said. */
function declaredAssociations(ofPolicy: readonly AssociationEntry[], policyId: string): number | undefined {
  let most: number | undefined;
  for (const a of ofPolicy) {
    if (a.policyId === policyId && a.associationsOfPolicy !== undefined) most = Math.max(most ?? 0, a.associationsOfPolicy);
  }
  return most;
}

/** Settles every change of the batch: one GET and one PUT for all of them, a round per change only on failure. */
async function applyBatch(ctx: ProviderContext, policyId: string, changes: readonly ListChange[]): Promise<Array<BatchOutcome<PolicyRecord | undefined>>> {
  try {
    return await rounds(ctx, policyId, changes);
  } catch (err) {
    if (changes.length === 1) return [{ ok: false, error: err }];
    // One association's bad server must not fail the others': each change alone, with its own error.
    const outcomes: Array<BatchOutcome<PolicyRecord | undefined>> = [];
    for (const change of changes) {
      try {
        outcomes.push((await rounds(ctx, policyId, [change]))[0]!);
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }
}

/** Read-modify-write rounds until every change holds in what the write returned (at most MAX_ROUNDS). */
async function rounds(ctx: ProviderContext, policyId: string, changes: readonly ListChange[]): Promise<Array<BatchOutcome<PolicyRecord | undefined>>> {
  const outcomes = new Array<BatchOutcome<PolicyRecord | undefined> | undefined>(changes.length);
  let open = changes.map((_, i) => i);
  for (let round = 0; round < MAX_ROUNDS && open.length > 0; round++) {
    // Every round reads, written to or not: so an association of a policy that never becomes usable always fails.
    const current = await ctx.backend.usable(policyId);
    if (!current) {
      for (const i of open) outcomes[i] = { ok: true, value: undefined };
      return outcomes as Array<BatchOutcome<PolicyRecord | undefined>>;
    }
    const pending = open.map((i) => changes[i]!);
    const desired = mergedList(current.serverIds, pending);
    const after = sameSet(desired, current.serverIds) ? current : await ctx.backend.setServers(policyId, desired);
    const kept = new Set(pending.flatMap((c) => c.add));
    const holds = new Set(after.serverIds);
    open = open.filter((i) => {
      const c = changes[i]!;
      const ok = c.add.every((s) => holds.has(s)) && c.dropping.every((s) => kept.has(s) || !holds.has(s));
      if (ok) outcomes[i] = { ok: true, value: after };
      return !ok;
    });
  }
  for (const i of open) {
    outcomes[i] = {
      ok: false,
      error: new UserFacingError(
        `${changes[i]!.label}: the server list of policy ${policyId} kept changing under another writer during ${MAX_ROUNDS} attempts to update it: ` +
          "another tool or stack is editing the same policy; stop it and run the command again",
      ),
    };
  }
  return outcomes as Array<BatchOutcome<PolicyRecord | undefined>>;
}

/**
 * The list after every change: the live list in its order without what is dropped, then what is added. A
 * server one change drops and another adds (moving between two associations of the policy) stays.
 */
export function mergedList(live: readonly string[], changes: readonly Pick<ListChange, "add" | "dropping">[]): string[] {
  const kept = new Set(changes.flatMap((c) => c.add));
  const dropped = new Set(changes.flatMap((c) => c.dropping).filter((s) => !kept.has(s)));
  const desired = live.filter((s) => !dropped.has(s));
  const present = new Set(desired);
  for (const c of changes) for (const s of c.add) if (!present.has(s)) (desired.push(s), present.add(s));
  return desired;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const bs = new Set(b);
  return a.length === b.length && a.every((s) => bs.has(s));
}
