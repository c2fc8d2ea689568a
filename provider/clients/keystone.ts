/**
 * Keystone v3 token issue. Hand-written on purpose: there is no maintained Node Keystone v3 client
 * (pkgcloud, openstack-wrapper and openclient were last changed 2015-2019 and depend on the deprecated
 * `request`), and the part we need is one POST.
 */
import { ApiError, isApiError } from "./api-error";
import type { HttpClient } from "./http";
import type { KeystoneCatalogEntry, KeystoneToken } from "../wire/keystone";

/** A domain by name or id. */
export type DomainRef = { name: string } | { id: string };

/** Who authenticates. */
export type KeystoneIdentity =
  | { method: "password"; userId: string; password: string }
  | { method: "password"; userName: string; userDomain: DomainRef; password: string }
  | { method: "application_credential"; id: string; secret: string }
  | { method: "application_credential"; name: string; secret: string; user: { id: string } | { name: string; domain: DomainRef } }
  | { method: "token"; token: string };

/** Which project the token is for; application credentials carry their own and take none. */
export type ProjectScope = { id: string } | { name: string; domain: DomainRef };

/** Identity plus scope. */
export interface KeystoneCredentials {
  identity: KeystoneIdentity;
  /** @default none (only valid with an application credential) */
  project?: ProjectScope;
}

/** A project-scoped token. */
export interface IssuedToken {
  value: string;
  expiresAt: Date;
  projectId: string;
  projectName: string;
  userId: string;
  roles: string[];
  catalog: KeystoneCatalogEntry[];
}

/** `authUrl` with exactly one `/v3` at the end (a `/v2.0` suffix is replaced). */
export function normalizeAuthUrl(authUrl: string): string {
  const trimmed = authUrl.trim().replace(/\/+$/, "");
  if (/\/v3$/.test(trimmed)) return trimmed;
  if (/\/v2\.0$/.test(trimmed)) return trimmed.replace(/\/v2\.0$/, "/v3");
  return `${trimmed}/v3`;
}

/** The secret values inside credentials, for scrubbing. */
export function credentialSecrets(credentials: KeystoneCredentials): string[] {
  const id = credentials.identity;
  if (id.method === "password") return [id.password];
  if (id.method === "application_credential") return [id.secret];
  return [id.token];
}

/** The `auth` body of POST /v3/auth/tokens. */
export function authBody(credentials: KeystoneCredentials): unknown {
  const id = credentials.identity;
  let identity: Record<string, unknown>;
  if (id.method === "password") {
    const user = "userId" in id ? { id: id.userId, password: id.password } : { name: id.userName, domain: id.userDomain, password: id.password };
    identity = { methods: ["password"], password: { user } };
  } else if (id.method === "application_credential") {
    const ac = "id" in id ? { id: id.id, secret: id.secret } : { name: id.name, secret: id.secret, user: id.user };
    identity = { methods: ["application_credential"], application_credential: ac };
  } else {
    identity = { methods: ["token"], token: { id: id.token } };
  }
  const auth: Record<string, unknown> = { identity };
  // Keystone refuses a scope with an application credential: the credential is already project-bound.
  if (credentials.project && id.method !== "application_credential") auth.scope = { project: credentials.project };
  return { auth };
}

/** Issues a project-scoped token; a 401 becomes an `ApiError` that says which credentials to check. */
export async function issueToken(http: HttpClient, authUrl: string, credentials: KeystoneCredentials): Promise<IssuedToken> {
  const base = normalizeAuthUrl(authUrl);
  const secrets = credentialSecrets(credentials);
  let res;
  try {
    res = await http.request<{ token: KeystoneToken }>({
      service: "Keystone",
      method: "POST",
      url: `${base}/auth/tokens`,
      path: "/v3/auth/tokens",
      body: authBody(credentials),
      // Issuing a second token is harmless, so a lost answer may be retried.
      idempotent: true,
      secrets,
    });
  } catch (err) {
    if (isApiError(err, 401, 403, 404)) throw withHint(err, credentials, secrets);
    throw err;
  }
  const value = res.headers["x-subject-token"];
  const token = res.body?.token;
  if (!value || !token) {
    throw new ApiError({ status: res.status, service: "Keystone", method: "POST", path: "/v3/auth/tokens", requestId: res.requestId, serviceMessage: "the answer has no X-Subject-Token header or no token body", hint: `check that ${base} is a Keystone v3 endpoint` });
  }
  if (!token.project) {
    throw new ApiError({ status: res.status, service: "Keystone", method: "POST", path: "/v3/auth/tokens", requestId: res.requestId, serviceMessage: "the token is not scoped to a project", hint: "set csbs:projectId or csbs:projectName (or OS_PROJECT_ID / OS_PROJECT_NAME)" }, [value]);
  }
  return {
    value,
    expiresAt: new Date(token.expires_at),
    projectId: token.project.id,
    projectName: token.project.name,
    userId: token.user.id,
    roles: token.roles.map((r) => r.name),
    catalog: token.catalog ?? [],
  };
}

function describeIdentity(c: KeystoneCredentials): string {
  const id = c.identity;
  const who =
    id.method === "password"
      ? "userId" in id ? `user id "${id.userId}"` : `user "${id.userName}" in domain ${domainText(id.userDomain)}`
      : id.method === "application_credential"
        ? "id" in id ? `application credential "${id.id}"` : `application credential "${id.name}"`
        : "the given token";
  const project = c.project ? ("id" in c.project ? ` for project id "${c.project.id}"` : ` for project "${c.project.name}" in domain ${domainText(c.project.domain)}`) : "";
  return `${who}${project}`;
}

function domainText(d: DomainRef): string {
  return "id" in d ? `id "${d.id}"` : `"${d.name}"`;
}

function withHint(err: ApiError, c: KeystoneCredentials, secrets: string[]): ApiError {
  const hint =
    err.status === 401
      ? `Keystone did not accept ${describeIdentity(c)}; check the user, domain, project and password or credential (csbs:* stack config, OS_* variables or clouds.yaml)`
      : `Keystone refused a token to ${describeIdentity(c)}; check that the user has a role on that project`;
  return new ApiError({ status: err.status, code: err.code, serviceMessage: err.serviceMessage, requestId: err.requestId, service: err.service, method: err.method, path: err.path, hint }, secrets);
}
