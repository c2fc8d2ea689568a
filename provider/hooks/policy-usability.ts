/**
 * Who waits for a new policy to become usable. A CSBS policy reads `creating` for a while after its POST, and the
 * engine runs only a few resource operations at once (4 per CPU by default), so a create that waited would hold
 * one of those slots for the whole wait, and 32 policies would wait in turns. The create therefore ends when the
 * POST is accepted (the policy exists, with its whole declared body) whenever a later hook of the same
 * deployment is known to wait for it: the program tells (the SDK sets the hidden input below on a BackupPolicy
 * that one of the program's PolicyAssociations fills), and every association write reads its policy through
 * `PolicyBackend.usable`, which waits, with the waits of every other policy sharing spaced looks, and fails that
 * association with the policy's rule id when the policy ends in error. Without the hint nothing later is known to
 * wait, so the create waits itself: a policy that never becomes usable always fails the operation that made it.
 * The create reports the status it leaves; refresh reads the later one, and status is no input, so no diff.
 */
import { PolicyUnusableError, type PolicyBackend, type PolicyRecord } from "../backends/policy-backend";

/** The hidden input of a BackupPolicy that a PolicyAssociation of the same program fills (true, or absent). */
export const USED_BY_ASSOCIATION_KEY = "__usedByAssociation";

/** Whether the inputs say a PolicyAssociation of this deployment fills the policy (and so waits for it). */
export function usedByAssociation(props: Record<string, unknown>): boolean {
  return props[USED_BY_ASSOCIATION_KEY] === true;
}

/** The policy as the create reports it: as the POST left it when an association waits for it, else once usable. */
export async function settleCreated(backend: Pick<PolicyBackend, "usable">, created: PolicyRecord, waitedForLater: boolean): Promise<PolicyRecord> {
  if (waitedForLater) return created;
  const usable = await backend.usable(created.id, created);
  if (!usable) throw new PolicyUnusableError("policy.vanished", created.id, `policy "${created.name}" (${created.id}) disappeared while it was being created (deleted in the console?): run pulumi refresh, then pulumi up`);
  return usable;
}
