/**
 * The live, deployment-wide rules a PolicyAssociation's `check` applies: each server exists, is Running or
 * Stopped and has no shared disk; a server is in at most one policy (live and across this deployment); a
 * policy holds at most 64 servers (its live servers outside this stack plus every association of this
 * deployment). Values not known yet (preview) are skipped, never guessed.
 */
import type { PolicyRecord } from "../backends/policy-backend";
import { failure, indexPath, type CheckFailure } from "../domain/failures";
import { LIMITS } from "../domain/limits";
import { isMovingWithinDeployment, registeredAssociations, serversOwnedByDeployment, type AssociationEntry } from "./registry";
import { PROTECTABLE_STATES, type ServerFacts } from "./server-facts";

export interface AssociationRuleInputs {
  entry: AssociationEntry;
  /** The declared list as validated (unknown entries are the preview sentinel). */
  declared: readonly string[];
  live: readonly PolicyRecord[];
  /** Facts of every known declared server; undefined = no such server. */
  facts: ReadonlyMap<string, ServerFacts | undefined>;
}

export function associationRuleFailures(args: AssociationRuleInputs): CheckFailure[] {
  return [...eligibilityFailures(args), ...onePolicyFailures(args), ...capacityFailures(args)];
}

function eligibilityFailures({ declared, facts }: AssociationRuleInputs): CheckFailure[] {
  const out: CheckFailure[] = [];
  declared.forEach((id, i) => {
    if (!facts.has(id)) return;
    const path = indexPath("serverIds", i);
    const server = facts.get(id);
    if (!server) {
      out.push(failure(path, `is "${id}": no server with this id exists in the project; check the id (openstack server show ${id}) or remove it`));
    } else if (!PROTECTABLE_STATES.has(server.status)) {
      out.push(
        failure(path, `is "${id}" (${server.name}), which is ${server.status}: only Running (ACTIVE) or Stopped (SHUTOFF) servers can be protected; repair or start the server, or remove it`),
      );
    } else if (server.sharedVolumeIds.length > 0) {
      out.push(
        failure(path, `is "${id}" (${server.name}), which has a shared (multi-attach) disk ${server.sharedVolumeIds.join(", ")}: CSBS cannot back up servers with shared disks; detach the disk or remove the server`),
      );
    }
  });
  return out;
}

function onePolicyFailures({ entry, declared, live, facts }: AssociationRuleInputs): CheckFailure[] {
  const out: CheckFailure[] = [];
  const holderOf = new Map<string, PolicyRecord>();
  for (const p of live) for (const s of p.serverIds) holderOf.set(s, p);
  const others = registeredAssociations().filter((a) => a.resourceName !== entry.resourceName);
  declared.forEach((id, i) => {
    if (!facts.has(id)) return;
    const path = indexPath("serverIds", i);
    const twin = others.find((a) => a.serverIds.includes(id));
    if (twin) {
      out.push(failure(path, `is "${id}", also listed by association \`${twin.resourceName}\`: a server can be in only one policy and one association; list it in one of them only`));
      return;
    }
    const holder = holderOf.get(id);
    if (!holder || holder.id === entry.policyId) return;
    const ours = entry.oldPolicyId === holder.id && entry.oldServerIds.includes(id);
    if (entry.takeOver || ours || isMovingWithinDeployment(id, entry.resourceName)) return;
    const name = facts.get(id)?.name;
    out.push(
      failure(
        path,
        `is "${id}"${name ? ` (${name})` : ""}, already in policy "${holder.name}" (${holder.id}): a server can be in only one policy; ` +
          `set \`takeOver: true\` to move it into this policy, or remove it from "${holder.name}" first ` +
          "(also when it moves from an association you removed from this program: that one is only deleted after this one is created)",
      ),
    );
  });
  return out;
}

function capacityFailures({ entry, live }: AssociationRuleInputs): CheckFailure[] {
  if (entry.policyKey === undefined) return [];
  const group = registeredAssociations().filter((a) => a.policyKey === entry.policyKey);
  const declaredHere = new Set(group.flatMap((a) => a.serverIds));
  const policy = entry.policyId ? live.find((p) => p.id === entry.policyId) : undefined;
  const owned = entry.policyId ? serversOwnedByDeployment(entry.policyId) : new Set<string>();
  const outside = (policy?.serverIds ?? []).filter((s) => !owned.has(s) && !declaredHere.has(s));
  const total = outside.length + declaredHere.size;
  if (total <= LIMITS.serversPerPolicy) return [];
  const parts = group.map((a) => `\`${a.resourceName}\` lists ${a.serverIds.length}`);
  if (outside.length > 0) parts.push(`${outside.length} are already in the policy outside this stack`);
  return [
    failure(
      "serverIds",
      `would put ${total} servers into one policy (${parts.join(", ")}): a policy holds at most ${LIMITS.serversPerPolicy} servers; ` +
        "move some servers to another policy (spreadServers helps split a fleet)",
    ),
  ];
}
