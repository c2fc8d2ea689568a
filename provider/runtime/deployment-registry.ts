/**
 * What this deployment declares, as seen by `check`: one provider process serves one engine operation, and
 * the engine checks every resource of the program in it, so the deployment-wide rules (policy quota, 64 servers
 * per policy, one policy per server) can count across resources. Keyed by the Pulumi resource name
 * (`__resourceName`). The rules read a {@link DeploymentSnapshot}, never the registry itself.
 */

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

/** A ServerBackup this deployment creates on Karbor, where it needs a plan of its own while it is made. */
export interface ServerBackupEntry {
  resourceName: string;
}

/** Every declaration of the deployment so far, as plain data. */
export interface DeploymentSnapshot {
  policies: readonly PolicyEntry[];
  associations: readonly AssociationEntry[];
  /** ServerBackups that take a Karbor plan (none on CSBS). @default [] */
  serverBackups?: readonly ServerBackupEntry[];
}

/** The name a ServerBackup's plan counts under in the plan quota (never a real policy's: it has a space). */
export function serverBackupPlanName(entry: ServerBackupEntry): string {
  return `(plan of ServerBackup ${entry.resourceName})`;
}

export class DeploymentRegistry {
  private readonly policies = new Map<string, PolicyEntry>();
  private readonly associations = new Map<string, AssociationEntry>();
  private readonly serverBackups = new Map<string, ServerBackupEntry>();
  /** Checks seen so far, and the number of the newest one per association. */
  private checks = 0;
  private readonly checkedAt = new Map<string, number>();
  private readonly listeners: Array<() => void> = [];

  registerPolicy(entry: PolicyEntry): void {
    this.policies.set(entry.resourceName, entry);
    this.checks++;
    this.changed();
  }

  registerAssociation(entry: AssociationEntry): void {
    this.associations.set(entry.resourceName, entry);
    this.checkedAt.set(entry.resourceName, ++this.checks);
    this.changed();
  }

  /** Called after every registration (the write batches look again at what they wait for). */
  onRegister(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * True when the engine has checked some other resource since the newest check of an association of
   * `policyId`: it registers one resource after another, and the program declares a policy's associations
   * together, so the policy's associations have then all been checked (a hint, not a promise).
   */
  movedOnFrom(policyId: string): boolean {
    let newest = 0;
    for (const a of this.associations.values()) {
      if (a.policyId === policyId || a.oldPolicyId === policyId) newest = Math.max(newest, this.checkedAt.get(a.resourceName) ?? 0);
    }
    return this.checks > newest;
  }

  registerServerBackup(entry: ServerBackupEntry): void {
    this.serverBackups.set(entry.resourceName, entry);
    this.checks++;
    this.changed();
  }

  /** Forgets every declaration: the next deployment in the same process (tests simulate one). */
  clear(): void {
    this.policies.clear();
    this.associations.clear();
    this.serverBackups.clear();
    this.checkedAt.clear();
  }

  snapshot(): DeploymentSnapshot {
    return { policies: [...this.policies.values()], associations: [...this.associations.values()], serverBackups: [...this.serverBackups.values()] };
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

/**
 * Every server moving between associations of this deployment: another association had it in state and no
 * longer declares it. Such a server may be taken from its old policy without `takeOver`, because the old
 * association's own update is about to release it anyway. Built in one pass: rules that ask about every live
 * server must not walk every association once per server (at 32 × 64 that walk was most of a check's CPU).
 */
export function serversMovingWithinDeployment(deployment: DeploymentSnapshot, toResource: string): Set<string> {
  const moving = new Set<string>();
  for (const a of deployment.associations) {
    if (a.resourceName === toResource || a.oldServerIds.length === 0) continue;
    const stillDeclared = new Set(a.serverIds);
    for (const s of a.oldServerIds) if (!stillDeclared.has(s)) moving.add(s);
  }
  return moving;
}

/** Servers of `policyId` that this deployment's associations hold in state or declare. */
export function serversOwnedByDeployment(deployment: DeploymentSnapshot, policyId: string): Set<string> {
  const owned = new Set<string>();
  for (const a of deployment.associations) {
    if (a.oldPolicyId === policyId) a.oldServerIds.forEach((s) => owned.add(s));
    if (a.policyId === policyId) a.serverIds.forEach((s) => owned.add(s));
  }
  return owned;
}

/** True when the association's check declared a server list for `policyId` that differs from its state. */
export function changesServersOf(a: AssociationEntry, policyId: string): boolean {
  if (a.policyId !== policyId) return a.oldPolicyId === policyId && a.oldServerIds.length > 0;
  if (a.oldPolicyId !== policyId) return true;
  const old = new Set(a.oldServerIds);
  return a.serverIds.length !== old.size || a.serverIds.some((s) => !old.has(s));
}

/** Servers that associations other than `resourceName` declare for `policyId`. */
export function serversDeclaredByOthers(deployment: DeploymentSnapshot, policyId: string, resourceName: string): Set<string> {
  const out = new Set<string>();
  for (const a of deployment.associations) {
    if (a.resourceName !== resourceName && a.policyId === policyId) a.serverIds.forEach((s) => out.add(s));
  }
  return out;
}
