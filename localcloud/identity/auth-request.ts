/**
 * Resolves a `POST /v3/auth/tokens` body (password, application_credential or token method; project scope
 * by id or name + domain; unscoped → the user's default project) into who gets a token scoped to what.
 * Every authentication failure is Keystone's plain 401, so callers cannot tell which part was wrong.
 */
import type { CloudReply, ProjectFixture } from "../core/contracts";
import { KEYSTONE_UNAUTHORIZED, keystoneError } from "../core/errors";
import { verifySecret } from "./secrets";
import type { Directory, UserRecord } from "./directory";
import type { TokenService } from "./tokens";

export interface ResolvedAuth {
  user: UserRecord;
  project?: ProjectFixture;
  methods: string[];
  roles: string[];
  appCredentialId?: string;
  /** Keystone keeps the original expiry when a token is re-scoped. */
  expiresAt?: number;
}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

const unauthorized = (): CloudReply => keystoneError(401, KEYSTONE_UNAUTHORIZED);
const badRequest = (what: string): CloudReply =>
  keystoneError(400, `Invalid input for field '${what}': the request is malformed; see the Keystone v3 POST /v3/auth/tokens reference`);

export function resolveAuth(body: unknown, directory: Directory, tokens: TokenService): ResolvedAuth | CloudReply {
  const auth = obj(obj(body)?.auth);
  if (!auth) return badRequest("auth");
  const identity = obj(auth.identity);
  if (!identity) return badRequest("identity");
  const methods = Array.isArray(identity.methods) ? identity.methods.filter((m): m is string => typeof m === "string") : [];
  if (methods.length === 0) return badRequest("identity.methods");
  const method = methods[0]!;

  let resolved: ResolvedAuth | CloudReply;
  if (method === "password") resolved = byPassword(obj(identity.password), directory);
  else if (method === "application_credential") resolved = byAppCredential(obj(identity.application_credential), directory);
  else if (method === "token") resolved = byToken(obj(identity.token), directory, tokens);
  else return keystoneError(401, `Attempted to authenticate with an unsupported method: ${method}`);
  if ("status" in resolved) return resolved;

  const scope = auth.scope;
  if (resolved.appCredentialId) {
    // An application credential is bound to its project; Keystone refuses any explicit scope.
    if (scope !== undefined) return keystoneError(401, "Application credentials cannot request a scope.");
    return resolved;
  }
  if (scope === "unscoped") return { ...resolved, roles: [], project: undefined };
  const scopeObj = obj(scope);
  let project: ProjectFixture | undefined;
  if (scopeObj === undefined) {
    if (scope !== undefined) return badRequest("scope");
    if (method === "token" && resolved.project) return resolved;
    const defaultId = resolved.user.defaultProjectId;
    project = defaultId ? directory.project(defaultId) : undefined;
    if (!project || directory.rolesOn(resolved.user.id, project.id).length === 0) return { ...resolved, roles: [], project: undefined };
  } else {
    const p = obj(scopeObj.project);
    if (!p) return keystoneError(401, "Only project scope is supported by the local cloud; scope to a project by id or by name and domain");
    const id = str(p.id);
    if (id !== undefined) project = directory.project(id);
    else {
      const name = str(p.name);
      const domain = directory.domain({ id: str(obj(p.domain)?.id), name: str(obj(p.domain)?.name) });
      if (name === undefined || !obj(p.domain)) return badRequest("scope.project.domain");
      project = domain ? directory.projectByName(name, domain.id) : undefined;
    }
  }
  const roles = project ? directory.rolesOn(resolved.user.id, project.id) : [];
  if (!project || roles.length === 0) return unauthorized();
  return { ...resolved, project, roles };
}

function byPassword(password: Obj | undefined, directory: Directory): ResolvedAuth | CloudReply {
  const u = obj(password?.user);
  const secret = str(u?.password);
  if (!u || secret === undefined) return badRequest("identity.password.user");
  let user: UserRecord | undefined;
  const id = str(u.id);
  if (id !== undefined) user = directory.user(id);
  else {
    const name = str(u.name);
    const d = obj(u.domain);
    if (name === undefined || !d) return badRequest("identity.password.user.domain");
    const domain = directory.domain({ id: str(d.id), name: str(d.name) });
    user = domain ? directory.userByName(name, domain.id) : undefined;
  }
  if (!directory.checkPassword(user, secret) || !user) return unauthorized();
  return { user, methods: ["password"], roles: [] };
}

function byAppCredential(ac: Obj | undefined, directory: Directory): ResolvedAuth | CloudReply {
  const secret = str(ac?.secret);
  if (!ac || secret === undefined) return badRequest("identity.application_credential.secret");
  let record = str(ac.id) !== undefined ? directory.appCredential(str(ac.id)!) : undefined;
  if (!record && str(ac.name) !== undefined) {
    const u = obj(ac.user);
    const d = obj(u?.domain);
    const domain = d ? directory.domain({ id: str(d.id), name: str(d.name) }) : undefined;
    const user = str(u?.id) !== undefined ? directory.user(str(u!.id)!) : domain && str(u?.name) ? directory.userByName(str(u!.name)!, domain.id) : undefined;
    record = user ? directory.appCredentialByName(user.id, str(ac.name)!) : undefined;
  }
  if (!verifySecret(secret, record?.secretHash) || !record) return unauthorized();
  const user = directory.user(record.userId);
  const project = directory.project(record.projectId);
  if (!user || !project) return unauthorized();
  return { user, project, methods: ["application_credential"], roles: record.roles, appCredentialId: record.id };
}

function byToken(t: Obj | undefined, directory: Directory, tokens: TokenService): ResolvedAuth | CloudReply {
  const id = str(t?.id);
  if (id === undefined) return badRequest("identity.token.id");
  const record = tokens.lookup(id);
  if (!record) return unauthorized();
  if (record.appCredentialId) return keystoneError(403, "Cannot re-scope a token issued with an application credential");
  const user = directory.user(record.userId);
  if (!user) return unauthorized();
  const project = record.projectId ? directory.project(record.projectId) : undefined;
  return {
    user,
    ...(project ? { project } : {}),
    methods: [...new Set([...record.methods, "token"])],
    roles: record.roles,
    expiresAt: record.expiresAt,
  };
}
