/**
 * The live, deployment-wide rules a PolicyAssociation's `check` applies: each server it adds exists, is Running or
 * Stopped and has no shared disk; a server is in at most one policy (live and across this deployment); a
 * policy holds at most 64 servers (its live servers outside this stack plus every association of this
 * deployment). Values not known yet (preview) are skipped, never guessed.
 */
import type { PolicyRecord } from "../backends/policy-backend";
import { failure, indexPath, type CheckFailure } from "../domain/failures";
import { checkServersPerPolicy, findServerConflicts } from "../domain/membership";
import {
  serversMovingWithinDeployment,
  serversOwnedByDeployment,
  type AssociationEntry,
  type DeploymentSnapshot,
} from "../runtime/deployment-registry";
import { PROTECTABLE_STATES, type ServerFacts } from "./server-facts";

export interface AssociationRuleInputs {
  entry: AssociationEntry;
  /** The declared list as validated (unknown entries are the preview sentinel). */
  declared: readonly string[];
  live: readonly PolicyRecord[];
  /**
   * Facts of the servers the association adds (see {@link serversToVerify}); undefined = no such server. A server
   * without an entry is not judged by the server rules: it already is in this policy through this association.
   */
  facts: ReadonlyMap<string, ServerFacts | undefined>;
  /** This deployment's declarations so far, in the policy's project and region. */
  deployment: DeploymentSnapshot;
  /** How to name the project and region, e.g. `project "demo" in region "RegionOne" (profile "paris")`. @default "the project" */
  place?: string;
}

/**
 * The known servers whose own state the server rules judge: those the association adds to its policy. The
 * service's rules are about selecting a server ("you can only select ECSs that are Running or Stopped", "an ECS
 * with shared EVS disks cannot be associated"); a server this association already holds in the same policy was
 * judged when it was added, and a preview that leaves it alone should not fail on what became of it since. A new
 * policy (a replacement) takes every server anew.
 */
export function serversToVerify(entry: Pick<AssociationEntry, "serverIds" | "policyId" | "oldPolicyId" | "oldServerIds">): string[] {
  if (entry.policyId === undefined || entry.oldPolicyId !== entry.policyId) return [...entry.serverIds];
  const held = new Set(entry.oldServerIds);
  return entry.serverIds.filter((s) => !held.has(s));
}

/** Pure: every failure of the live rules for one association, from a snapshot of the cloud and the deployment. */
export function associationRuleFailures(args: AssociationRuleInputs): CheckFailure[] {
  return [...eligibilityFailures(args), ...onePolicyFailures(args), ...capacityFailures(args)];
}

function eligibilityFailures({ declared, facts, place }: AssociationRuleInputs): CheckFailure[] {
  const out: CheckFailure[] = [];
  declared.forEach((id, i) => {
    if (!facts.has(id)) return;
    const path = indexPath("serverIds", i);
    const server = facts.get(id);
    if (!server) {
      out.push(failure(path, "server.notFound", `is "${id}": no server with this id exists in ${place ?? "the project"}; check the id (openstack server show ${id}) or remove it`));
    } else if (!PROTECTABLE_STATES.has(server.status)) {
      out.push(
        failure(path, "server.notProtectable", `is "${id}" (${server.name}), which is ${server.status}: only Running (ACTIVE) or Stopped (SHUTOFF) servers can be protected; repair or start the server, or remove it`),
      );
    } else if (server.sharedVolumeIds.length > 0) {
      out.push(
        failure(path, "server.sharedDisk", `is "${id}" (${server.name}), which has a shared (multi-attach) disk ${server.sharedVolumeIds.join(", ")}: CSBS cannot back up servers with shared disks; detach the disk or remove the server`),
      );
    }
  });
  return out;
}

function onePolicyFailures({ entry, declared, live, deployment }: AssociationRuleInputs): CheckFailure[] {
  const known = new Set(entry.serverIds);
  // Servers this deployment itself moves (between its own associations, or from this association's old
  // policy) are not a conflict: their old holder releases them in this same deployment.
  const moving = serversMovingWithinDeployment(deployment, entry.resourceName);
  const oldHere = new Set(entry.oldServerIds);
  const released = (serverId: string, policyId: string) => (entry.oldPolicyId === policyId && oldHere.has(serverId)) || moving.has(serverId);
  // Only this association's servers can conflict: the rest of each live list (2048 servers in all) is left out.
  const livePolicies = live.map((p) => ({ id: p.id, name: p.name, serverIds: p.serverIds.filter((s) => known.has(s) && !released(s, p.id)) }));
  const claim = (a: AssociationEntry) => ({ name: a.resourceName, policyId: a.policyId ?? "", serverIds: a.serverIds, takeOver: a.takeOver });
  const conflicts = findServerConflicts({
    association: { ...claim(entry), serverIds: declared.map((s) => (known.has(s) ? s : "")) },
    others: deployment.associations.filter((a) => a.resourceName !== entry.resourceName).map(claim),
    livePolicies,
  });
  return conflicts.map(({ path, rule, message }) => ({ path, rule, message }));
}

function capacityFailures({ entry, live, deployment }: AssociationRuleInputs): CheckFailure[] {
  if (entry.policyKey === undefined) return [];
  const group = deployment.associations.filter((a) => a.policyKey === entry.policyKey);
  const declaredHere = new Set(group.flatMap((a) => a.serverIds));
  const policy = entry.policyId ? live.find((p) => p.id === entry.policyId) : undefined;
  const owned = entry.policyId ? serversOwnedByDeployment(deployment, entry.policyId) : new Set<string>();
  const message = checkServersPerPolicy({
    policyLabel: policy ? `policy "${policy.name}" (${policy.id})` : "the policy",
    live: (policy?.serverIds ?? []).filter((s) => !owned.has(s) && !declaredHere.has(s)),
    associations: group.map((a) => ({ name: a.resourceName, serverIds: a.serverIds })),
  });
  return message ? [failure("serverIds", "membership.tooManyServers", `would overfill the policy: ${message}; spreadServers helps split a fleet`)] : [];
}
