/**
 * What this deployment declares, as seen by `check`: one provider process serves one engine operation, and
 * the engine checks every resource of the program in it, so the deployment-wide rules (policy quota, 64 servers
 * per policy, one policy per server) can count across resources. Keyed by the Pulumi resource name (`__resourceName`),
 * kept on globalThis because each serialized provider text loads its own copy of this module.
 */
const REGISTRY_KEY = Symbol.for("pulumi-csbs.deployment-registry");

/** A BackupPolicy of this deployment. */
export interface PolicyEntry {
  resourceName: string;
  /** The policy name, or undefined while it is not known (preview). */
  policyName?: string;
  /** The name it had in state, when the resource already exists. */
  oldPolicyName?: string;
  /** True when the resource has no state yet: this deployment creates the policy. */
  creates: boolean;
  /** The id of the live policy of its name that the create will take over (adopt, or its own after a crash). */
  takesOverId?: string;
}

/** A PolicyAssociation of this deployment. */
export interface AssociationEntry {
  resourceName: string;
  /** Groups associations of one policy: the BackupPolicy's URN when known, else the policy id; undefined if unknown. */
  policyKey?: string;
  /** The policy id, when known. */
  policyId?: string;
  /** The declared server ids that are known. */
  serverIds: string[];
  /** The policy id and servers in state, when the resource already exists. */
  oldPolicyId?: string;
  oldServerIds: string[];
  takeOver: boolean;
}

interface Registry {
  policies: Map<string, PolicyEntry>;
  associations: Map<string, AssociationEntry>;
}

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (holder[REGISTRY_KEY] ??= { policies: new Map(), associations: new Map() });
}

export function registerPolicy(entry: PolicyEntry): void {
  registry().policies.set(entry.resourceName, entry);
}

export function registerAssociation(entry: AssociationEntry): void {
  registry().associations.set(entry.resourceName, entry);
}

export function registeredPolicies(): PolicyEntry[] {
  return [...registry().policies.values()];
}

export function registeredAssociations(): AssociationEntry[] {
  return [...registry().associations.values()];
}

/**
 * True when `serverId` is moving between associations of this deployment: another association had it in state
 * and no longer declares it. Such a server may be taken from its old policy without `takeOver`, because the
 * old association's own update is about to release it anyway.
 */
export function isMovingWithinDeployment(serverId: string, toResource: string): boolean {
  return serversMovingWithinDeployment(toResource).has(serverId);
}

/**
 * Every server moving between associations of this deployment (see isMovingWithinDeployment), as a set built
 * in one pass: rules that ask about every live server must not walk every association once per server (at
 * 32 × 64 that walk was most of a check's CPU).
 */
export function serversMovingWithinDeployment(toResource: string): Set<string> {
  const moving = new Set<string>();
  for (const a of registry().associations.values()) {
    if (a.resourceName === toResource || a.oldServerIds.length === 0) continue;
    const stillDeclared = new Set(a.serverIds);
    for (const s of a.oldServerIds) if (!stillDeclared.has(s)) moving.add(s);
  }
  return moving;
}

/** Servers of `policyId` that this deployment's associations hold in state or declare. */
export function serversOwnedByDeployment(policyId: string): Set<string> {
  const owned = new Set<string>();
  for (const a of registeredAssociations()) {
    if (a.oldPolicyId === policyId) a.oldServerIds.forEach((s) => owned.add(s));
    if (a.policyId === policyId) a.serverIds.forEach((s) => owned.add(s));
  }
  return owned;
}

/** Forgets everything; for tests that simulate a fresh provider process. */
export function resetRegistry(): void {
  const r = registry();
  r.policies.clear();
  r.associations.clear();
}
