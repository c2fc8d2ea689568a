/**
 * Deployment-wide rules the hooks check against the live cloud before anything is created:
 * the project's policy quota, servers per policy, and one policy per server. Pure: callers
 * gather the live state and this deployment's declarations.
 */
import { CheckFailure, failure, plural } from "./failures";
import { LIMITS } from "./limits";

/** Inputs of {@link checkPolicyQuota}. */
export interface PolicyQuotaInput {
  /** Names of every policy that exists in the project now. */
  livePolicyNames: readonly string[];
  /** Names of every policy this deployment declares (existing or to be created). */
  newPolicyNames: readonly string[];
  /** Policies allowed per project. @default 32 */
  limit?: number;
}

/**
 * The message when the project would exceed its policy quota, else undefined. A declared policy
 * that already exists counts once.
 */
export function checkPolicyQuota({ livePolicyNames, newPolicyNames, limit = LIMITS.policiesPerProject }: PolicyQuotaInput): string | undefined {
  const declared = new Set(newPolicyNames);
  const live = new Set(livePolicyNames);
  const outside = [...live].filter((name) => !declared.has(name)).length;
  const adds = [...declared].filter((name) => !live.has(name)).length;
  const keeps = declared.size - adds;
  if (outside + declared.size <= limit) return undefined;
  const kept = keeps > 0 ? ` and keeps ${keeps} it already has` : "";
  return (
    `project already has ${plural(outside, "policy", "policies")} outside this stack; this deployment adds ${adds}${kept}; ` +
    `the limit is ${limit} per project: delete unused policies or use an existing one`
  );
}

/** One association of this deployment, as the servers-per-policy rule sees it. */
export interface DeclaredAssociation {
  /** Pulumi resource name of the association. */
  name: string;
  serverIds: readonly string[];
}

/** Inputs of {@link checkServersPerPolicy}. */
export interface ServersPerPolicyInput {
  /** How to name the policy in the message, e.g. `policy "daily-web" (id …)`. */
  policyLabel: string;
  /** Servers in the policy now that no association of this deployment declares. */
  live: readonly string[];
  /** Every association of this deployment on this policy. */
  associations: readonly DeclaredAssociation[];
  /** Servers allowed per policy. @default 64 */
  limit?: number;
}

/** The message when a policy would hold too many servers, naming every association, else undefined. */
export function checkServersPerPolicy({ policyLabel, live, associations, limit = LIMITS.serversPerPolicy }: ServersPerPolicyInput): string | undefined {
  const all = new Set(live);
  for (const association of associations) for (const id of association.serverIds) all.add(id);
  if (all.size <= limit) return undefined;
  const liveSet = new Set(live);
  const parts = associations.map((a) => `association "${a.name}" lists ${new Set(a.serverIds).size}`);
  const outside = liveSet.size > 0 ? [`${liveSet.size} already associated outside this deployment`] : [];
  return (
    `${policyLabel} would hold ${all.size} servers (${[...outside, ...parts].join(", ")}): ` +
    `a policy holds at most ${limit} servers; move some servers to another policy or remove them from these associations`
  );
}

/** A live policy as the one-policy-per-server rule sees it. */
export interface LivePolicyMembers {
  id: string;
  name: string;
  serverIds: readonly string[];
}

/** One association of this deployment, as the one-policy-per-server rule sees it. */
export interface ClaimingAssociation {
  /** Pulumi resource name of the association. */
  name: string;
  policyId: string;
  serverIds: readonly string[];
  /** Servers in another live policy move here instead of failing. @default false */
  takeOver?: boolean;
}

/** Inputs of {@link findServerConflicts}. */
export interface ServerConflictInput {
  /** The association being checked. */
  association: ClaimingAssociation;
  /** Every other association of this deployment. */
  others: readonly ClaimingAssociation[];
  /** Every policy in the project now, with its servers. */
  livePolicies: readonly LivePolicyMembers[];
}

/** A server the association cannot take. */
export interface ServerConflict extends CheckFailure {
  serverId: string;
  /** The live policy that holds the server, when that is the conflict. */
  otherPolicy?: { id: string; name: string };
  /** The other association of this deployment that claims the server, when that is the conflict. */
  otherAssociation?: string;
}

/**
 * Servers of `association` that are in another live policy (unless takeOver) or claimed by another
 * association of this deployment. Properties point at `serverIds[i]` of the association's inputs.
 */
export function findServerConflicts({ association, others, livePolicies }: ServerConflictInput): ServerConflict[] {
  const conflicts: ServerConflict[] = [];
  const wanted = new Set(association.serverIds);
  const claims = serverClaims(others.filter((o) => o.name !== association.name), wanted);
  // The first other live policy holding each of this association's servers, from one pass over the listing:
  // looking each server up in every policy's list cost 64 × 32 × 64 comparisons per association of a full project.
  let holders: Map<string, LivePolicyMembers> | undefined;
  const holderOf = (serverId: string): LivePolicyMembers | undefined => {
    if (holders === undefined) {
      holders = new Map();
      for (const p of livePolicies) {
        if (p.id === association.policyId) continue;
        for (const id of p.serverIds) if (wanted.has(id) && !holders.has(id)) holders.set(id, p);
      }
    }
    return holders.get(serverId);
  };
  association.serverIds.forEach((serverId, i) => {
    const property = `serverIds[${i}]`;
    const claim = claims.get(serverId)?.[0];
    if (claim !== undefined) {
      const where = claim.policyId === association.policyId ? "of the same policy" : "of another policy";
      conflicts.push({
        ...failure(
          property,
          "membership.serverInOtherAssociation",
          `is ${JSON.stringify(serverId)}, which association "${claim.name}" ${where} also lists: a server can be in only one ` +
            `backup policy and one association; remove it from "${association.name}" or from "${claim.name}"`,
        ),
        serverId,
        otherAssociation: claim.name,
      });
      return;
    }
    if (association.takeOver === true) return;
    const holder = holderOf(serverId);
    if (holder !== undefined) {
      conflicts.push({
        ...failure(
          property,
          "membership.serverInOtherPolicy",
          `is ${JSON.stringify(serverId)}, which is already in policy "${holder.name}" (id ${holder.id}): a server can be in ` +
            `only one backup policy; remove it from "${holder.name}" first, or set takeOver: true on "${association.name}" to move it`,
        ),
        serverId,
        otherPolicy: { id: holder.id, name: holder.name },
      });
    }
  });
  return conflicts;
}

/**
 * Every server id with the declarations that list it, in their order (each at most once per server): the one
 * reading of "a server can be in only one policy and one association" that the provider's check
 * ({@link findServerConflicts}) and the stack rules (`stack-rules.ts`) share. One pass over the lists; with
 * `among`, only those ids are kept (a check asks about its own 64 servers, not the deployment's 2048).
 */
export function serverClaims<T extends { serverIds: readonly string[] }>(declarations: readonly T[], among?: ReadonlySet<string>): Map<string, T[]> {
  const claims = new Map<string, T[]>();
  for (const declaration of declarations) {
    for (const id of declaration.serverIds) {
      if (among !== undefined && !among.has(id)) continue;
      const holders = claims.get(id);
      if (holders === undefined) claims.set(id, [declaration]);
      // Declarations are taken one at a time: an id listed twice by this one finds it last.
      else if (holders[holders.length - 1] !== declaration) holders.push(declaration);
    }
  }
  return claims;
}
