/**
 * Domains, projects, users, role assignments and application credentials of the built-in Keystone, kept
 * in the Store. Ids derive from names, so fixtures give the same ids on every run.
 */
import type { ProjectFixture, Store } from "../core/contracts";
import { collection } from "../core/collection";
import { nameId } from "../core/ids";
import { hashSecret, verifySecret } from "./secrets";

export const DEFAULT_DOMAIN = { id: "default", name: "Default" } as const;

/** The roles the built-in Keystone knows (Keystone's bootstrap creates the same three). */
export const ROLE_NAMES = ["admin", "member", "reader"] as const;

export interface DomainRecord {
  id: string;
  name: string;
}

export interface UserRecord {
  id: string;
  name: string;
  domainId: string;
  defaultProjectId?: string;
  passwordHash: string;
}

export interface RoleAssignment {
  /** `${userId}:${projectId}` */
  id: string;
  userId: string;
  projectId: string;
  roles: string[];
}

export interface AppCredentialRecord {
  id: string;
  name: string;
  userId: string;
  projectId: string;
  roles: string[];
  secretHash: string;
}

export const C = {
  domains: collection<DomainRecord>("domains"),
  projects: collection<ProjectFixture>("projects"),
  users: collection<UserRecord>("users"),
  assignments: collection<RoleAssignment>("role_assignments"),
  appCredentials: collection<AppCredentialRecord>("app_credentials"),
} as const;

/** The id Keystone would show for a role name (deterministic here). */
export function roleId(name: string): string {
  return nameId("role", name).replace(/-/g, "");
}

export class Directory {
  constructor(private readonly store: Store) {}

  domain(idOrName: { id?: string; name?: string }): DomainRecord | undefined {
    if (idOrName.id !== undefined) return this.store.get(C.domains, idOrName.id);
    return this.store.list(C.domains).find((d) => d.name === idOrName.name);
  }

  ensureDefaultDomain(): DomainRecord {
    this.store.put(C.domains, { ...DEFAULT_DOMAIN });
    return { ...DEFAULT_DOMAIN };
  }

  project(id: string): ProjectFixture | undefined {
    return this.store.get(C.projects, id);
  }

  projectByName(name: string, domainId: string = DEFAULT_DOMAIN.id): ProjectFixture | undefined {
    return this.store.list(C.projects).find((p) => p.name === name && p.domainId === domainId);
  }

  projects(): ProjectFixture[] {
    return this.store.list(C.projects);
  }

  /** Creates the project or updates its api; returns it. */
  ensureProject(name: string, api: "csbs" | "karbor" | undefined, domainId: string = DEFAULT_DOMAIN.id): ProjectFixture {
    const existing = this.projectByName(name, domainId);
    const project: ProjectFixture = existing
      ? { ...existing, api: api ?? existing.api }
      : { id: nameId("project", domainId, name).replace(/-/g, ""), name, domainId, api: api ?? "csbs" };
    this.store.put(C.projects, project);
    return project;
  }

  user(id: string): UserRecord | undefined {
    return this.store.get(C.users, id);
  }

  userByName(name: string, domainId: string): UserRecord | undefined {
    return this.store.list(C.users).find((u) => u.name === name && u.domainId === domainId);
  }

  /** Creates the user or sets its password; the first project it is given becomes its default project. */
  ensureUser(name: string, password: string, projectId: string, domainId: string = DEFAULT_DOMAIN.id): UserRecord {
    const existing = this.userByName(name, domainId);
    const user: UserRecord = existing
      ? { ...existing, defaultProjectId: existing.defaultProjectId ?? projectId }
      : { id: nameId("user", domainId, name).replace(/-/g, ""), name, domainId, defaultProjectId: projectId, passwordHash: "" };
    // Rehashing an unchanged password would rewrite the record (and the journal) on every start.
    if (!verifySecret(password, user.passwordHash || undefined)) user.passwordHash = hashSecret(password);
    this.store.put(C.users, user);
    return user;
  }

  checkPassword(user: UserRecord | undefined, password: string): boolean {
    return verifySecret(password, user?.passwordHash || undefined);
  }

  /** Adds roles of a user on a project (never removes any). */
  grant(userId: string, projectId: string, roles: readonly string[]): void {
    const id = `${userId}:${projectId}`;
    const existing = this.store.get(C.assignments, id);
    const all = new Set([...(existing?.roles ?? []), ...roles.map((r) => r.toLowerCase())]);
    this.store.put(C.assignments, { id, userId, projectId, roles: [...all].sort() });
  }

  rolesOn(userId: string, projectId: string): string[] {
    return this.store.get(C.assignments, `${userId}:${projectId}`)?.roles ?? [];
  }

  projectsOf(userId: string): ProjectFixture[] {
    return this.store
      .list(C.assignments)
      .filter((a) => a.userId === userId && a.roles.length > 0)
      .map((a) => this.project(a.projectId))
      .filter((p): p is ProjectFixture => p !== undefined);
  }

  appCredential(id: string): AppCredentialRecord | undefined {
    return this.store.get(C.appCredentials, id);
  }

  appCredentialByName(userId: string, name: string): AppCredentialRecord | undefined {
    return this.store.list(C.appCredentials).find((a) => a.userId === userId && a.name === name);
  }

  /** Creates (or replaces the secret of) an application credential bound to one project and the user's roles there. */
  putAppCredential(user: UserRecord, projectId: string, name: string, secret: string, roles?: string[]): AppCredentialRecord {
    const id = nameId("app-credential", user.id, name).replace(/-/g, "");
    const existing = this.appCredential(id);
    const record: AppCredentialRecord = {
      id,
      name,
      userId: user.id,
      projectId,
      roles: roles ?? this.rolesOn(user.id, projectId),
      secretHash: existing && verifySecret(secret, existing.secretHash) ? existing.secretHash : hashSecret(secret),
    };
    this.store.put(C.appCredentials, record);
    return record;
  }
}
