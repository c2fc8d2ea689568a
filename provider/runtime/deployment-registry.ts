/**
 * What this deployment declares, as seen by `check`: one provider process serves one engine operation, and
 * the engine checks every resource of the program in it, so the deployment-wide rules (policy quota, 64 servers
 * per policy, one policy per server) can count across resources. The service counts them per project and region,
 * so declarations are kept per place (the data-protection endpoint of a connection, see `Place` in connection.ts)
 * and then by the Pulumi resource name (`__resourceName`). The rules read a {@link DeploymentSnapshot} of one
 * place, never the registry itself.
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
  /**
   * How many associations the program declares for this association's policy, itself included (the SDK's
   * stack pass counts them, hidden input `__associationsOfPolicy`); undefined when the program could not tell.
   */
  associationsOfPolicy?: number;
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

interface PlaceEntries {
  policies: Map<string, PolicyEntry>;
  associations: Map<string, AssociationEntry>;
  serverBackups: Map<string, ServerBackupEntry>;
}

export class DeploymentRegistry {
  private readonly places = new Map<string, PlaceEntries>();
  /** Checks seen so far, and the number of the newest one per association. */
  private checks = 0;
  private readonly checkedAt = new Map<string, number>();
  /** Per policy id, the associations whose change of its list has been handed to a write (`joined`). */
  private readonly joinedWrites = new Map<string, Set<string>>();
  private readonly listeners: Array<() => void> = [];

  /** Records a policy of `place`; a resource that moved to another place (its profile changed) leaves the old one. */
  registerPolicy(entry: PolicyEntry, place: string): void {
    for (const [key, p] of this.places) if (key !== place) p.policies.delete(entry.resourceName);
    this.at(place).policies.set(entry.resourceName, entry);
    this.checks++;
    this.changed();
  }

  registerAssociation(entry: AssociationEntry, place: string): void {
    for (const [key, p] of this.places) if (key !== place) p.associations.delete(entry.resourceName);
    this.at(place).associations.set(entry.resourceName, entry);
    this.checkedAt.set(entry.resourceName, ++this.checks);
    // A new check declares a new change: what the association handed to writes before is not it.
    for (const names of this.joinedWrites.values()) names.delete(entry.resourceName);
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
    for (const p of this.places.values()) {
      for (const a of p.associations.values()) {
        if (a.policyId === policyId || a.oldPolicyId === policyId) newest = Math.max(newest, this.checkedAt.get(a.resourceName) ?? 0);
      }
    }
    return this.checks > newest;
  }

  /** Records that `resourceName`'s change of `policyId`'s list was handed to a write of that list. */
  joined(policyId: string, resourceName: string): void {
    let names = this.joinedWrites.get(policyId);
    if (!names) this.joinedWrites.set(policyId, (names = new Set()));
    names.add(resourceName);
  }

  /** Whether `resourceName`'s change of `policyId`'s list has been handed to a write already (in any batch). */
  hasJoined(policyId: string, resourceName: string): boolean {
    return this.joinedWrites.get(policyId)?.has(resourceName) ?? false;
  }

  registerServerBackup(entry: ServerBackupEntry, place: string): void {
    for (const [key, p] of this.places) if (key !== place) p.serverBackups.delete(entry.resourceName);
    this.at(place).serverBackups.set(entry.resourceName, entry);
    this.checks++;
    this.changed();
  }

  /** Forgets every declaration: the next deployment in the same process (tests simulate one). */
  clear(): void {
    this.places.clear();
    this.checkedAt.clear();
    this.joinedWrites.clear();
  }

  /** The declarations of one place (project and region). */
  snapshot(place: string): DeploymentSnapshot {
    const p = this.places.get(place);
    return {
      policies: p ? [...p.policies.values()] : [],
      associations: p ? [...p.associations.values()] : [],
      serverBackups: p ? [...p.serverBackups.values()] : [],
    };
  }

  /**
   * Every place's declarations together, for questions about one policy id (ids are unique across projects and
   * regions); the deployment-wide rules read {@link snapshot} of their place instead.
   */
  everywhere(): DeploymentSnapshot {
    const all = [...this.places.values()];
    return {
      policies: all.flatMap((p) => [...p.policies.values()]),
      associations: all.flatMap((p) => [...p.associations.values()]),
      serverBackups: all.flatMap((p) => [...p.serverBackups.values()]),
    };
  }

  /** The policy declared under `resourceName`, in whichever place. */
  policy(resourceName: string): PolicyEntry | undefined {
    for (const p of this.places.values()) {
      const found = p.policies.get(resourceName);
      if (found) return found;
    }
    return undefined;
  }

  private at(place: string): PlaceEntries {
    let p = this.places.get(place);
    if (!p) {
      p = { policies: new Map(), associations: new Map(), serverBackups: new Map() };
      this.places.set(place, p);
    }
    return p;
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
    if (a.resourceName === toResource) continue;
    for (const s of leaving(a)) moving.add(s);
  }
  return moving;
}

// An entry is plain data that nobody changes once registered (a new check registers a new one), and each check and
// membership write asks about every other entry: what leaves each is worked out once.
const leavingOf = new WeakMap<AssociationEntry, readonly string[]>();

/** The servers an association had in state and no longer declares. */
function leaving(a: AssociationEntry): readonly string[] {
  let found = leavingOf.get(a);
  if (found === undefined) {
    const stillDeclared = new Set(a.serverIds);
    found = a.oldServerIds.filter((s) => !stillDeclared.has(s));
    leavingOf.set(a, found);
  }
  return found;
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
