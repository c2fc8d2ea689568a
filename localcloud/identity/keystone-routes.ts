/**
 * The built-in Keystone v3 subset under `/identity/v3`: version discovery, token issue / validate /
 * revoke, the caller's catalog and projects. Tokens are read from headers here (not by the core) because
 * Keystone accepts unscoped tokens where the other services do not.
 */
import type { CloudReply, CloudRequest, Route } from "../core/contracts";
import { KEYSTONE_UNAUTHORIZED, keystoneError } from "../core/errors";
import { buildCatalog } from "./catalog";
import { resolveAuth } from "./auth-request";
import type { Directory } from "./directory";
import { renderToken } from "./token-body";
import type { TokenRecord, TokenService } from "./tokens";

export interface KeystoneDeps {
  directory: Directory;
  tokens: TokenService;
  baseUrl(): string;
}

function header(req: CloudRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function versionDoc(baseUrl: string) {
  return {
    id: "v3.14",
    status: "stable",
    updated: "2020-04-07T00:00:00Z",
    links: [{ rel: "self", href: `${baseUrl}/identity/v3/` }],
    "media-types": [{ base: "application/json", type: "application/vnd.openstack.identity-v3+json" }],
  };
}

export function keystoneRoutes(deps: KeystoneDeps): Route[] {
  const { directory, tokens } = deps;

  /** The caller's own token (X-Auth-Token), or a 401 reply. */
  const caller = (req: CloudRequest): TokenRecord | CloudReply => {
    const t = header(req, "x-auth-token");
    const record = t ? tokens.lookup(t) : undefined;
    return record ?? keystoneError(401, KEYSTONE_UNAUTHORIZED);
  };
  const isReply = (v: TokenRecord | CloudReply): v is CloudReply => "status" in v;

  /** The X-Subject-Token's record; the caller may see it if it is theirs or the caller is admin/service. */
  const subject = (req: CloudRequest, by: TokenRecord): { token: string; record: TokenRecord } | CloudReply => {
    const t = header(req, "x-subject-token");
    if (!t) return keystoneError(404, "No token in the request");
    const record = tokens.lookup(t);
    if (!record) return keystoneError(404, "Failed to validate token");
    const privileged = by.roles.includes("admin") || by.roles.includes("service");
    if (record.userId !== by.userId && !privileged) {
      return keystoneError(403, "You are not authorized to perform the requested action: identity:validate_token.");
    }
    return { token: t, record };
  };

  const versions = (): CloudReply => ({ status: 300, body: { versions: { values: [versionDoc(deps.baseUrl())] } } });

  return [
    { method: "GET", pattern: "/", service: "identity", auth: "none", handler: versions },
    { method: "GET", pattern: "/identity", service: "identity", auth: "none", handler: versions },
    {
      method: "GET",
      pattern: "/identity/v3",
      service: "identity",
      auth: "none",
      handler: () => ({ status: 200, body: { version: versionDoc(deps.baseUrl()) } }),
    },
    {
      method: "POST",
      pattern: "/identity/v3/auth/tokens",
      service: "identity",
      auth: "none",
      handler: (req) => {
        const resolved = resolveAuth(req.body, directory, tokens);
        if ("status" in resolved) return resolved;
        const { token, record } = tokens.issue({
          userId: resolved.user.id,
          ...(resolved.project ? { projectId: resolved.project.id } : {}),
          methods: resolved.methods,
          roles: resolved.roles,
          ...(resolved.appCredentialId ? { appCredentialId: resolved.appCredentialId } : {}),
          ...(resolved.expiresAt !== undefined ? { expiresAt: resolved.expiresAt } : {}),
        });
        const nocatalog = req.query.has("nocatalog");
        return { status: 201, body: renderToken(record, directory, deps.baseUrl(), !nocatalog), headers: { "X-Subject-Token": token } };
      },
    },
    {
      method: "GET",
      pattern: "/identity/v3/auth/tokens",
      service: "identity",
      auth: "none",
      handler: (req) => {
        const by = caller(req);
        if (isReply(by)) return by;
        const sub = subject(req, by);
        if ("status" in sub) return sub;
        return {
          status: 200,
          body: renderToken(sub.record, directory, deps.baseUrl(), !req.query.has("nocatalog")),
          headers: { "X-Subject-Token": sub.token },
        };
      },
    },
    {
      method: "DELETE",
      pattern: "/identity/v3/auth/tokens",
      service: "identity",
      auth: "none",
      handler: (req) => {
        const by = caller(req);
        if (isReply(by)) return by;
        const sub = subject(req, by);
        if ("status" in sub) return sub;
        tokens.revoke(sub.token);
        return { status: 204 };
      },
    },
    {
      method: "GET",
      pattern: "/identity/v3/auth/catalog",
      service: "identity",
      auth: "none",
      handler: (req) => {
        const by = caller(req);
        if (isReply(by)) return by;
        const project = by.projectId ? directory.project(by.projectId) : undefined;
        if (!project) return keystoneError(403, "The service catalog is empty because the token is not scoped to a project");
        return {
          status: 200,
          body: { catalog: buildCatalog(deps.baseUrl(), project), links: { self: `${deps.baseUrl()}/identity/v3/auth/catalog`, previous: null, next: null } },
        };
      },
    },
    {
      method: "GET",
      pattern: "/identity/v3/auth/projects",
      service: "identity",
      auth: "none",
      handler: (req) => {
        const by = caller(req);
        if (isReply(by)) return by;
        const projects = directory.projectsOf(by.userId).map((p) => ({
          id: p.id,
          name: p.name,
          domain_id: p.domainId,
          description: "",
          enabled: true,
          is_domain: false,
          parent_id: p.domainId,
          tags: [],
          options: {},
          links: { self: `${deps.baseUrl()}/identity/v3/projects/${p.id}` },
        }));
        return { status: 200, body: { projects, links: { self: `${deps.baseUrl()}/identity/v3/auth/projects`, previous: null, next: null } } };
      },
    },
  ];
}
