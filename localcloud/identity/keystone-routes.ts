/**
 * The built-in Keystone v3 subset under `/identity/v3`: version discovery, token issue / validate /
 * revoke, the caller's catalog and projects. Tokens are read from headers here (not by the core) because
 * Keystone accepts unscoped tokens where the other services do not.
 */
import type { CloudReply, CloudRequest, Handler, Route } from "../core/contracts";
import { KEYSTONE_UNAUTHORIZED, keystoneError } from "../core/errors";
import { buildCatalog, type CatalogRegion } from "./catalog";
import { resolveAuth } from "./auth-request";
import type { Directory } from "./directory";
import { selfServiceRoutes } from "./self-service-routes";
import { renderToken } from "./token-body";
import type { TokenRecord, TokenService } from "./tokens";

export interface KeystoneDeps {
  directory: Directory;
  tokens: TokenService;
  baseUrl(): string;
  /** The regions every catalog lists, the first first. @default RegionOne at `baseUrl()` */
  regions?(): readonly CatalogRegion[];
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

/** Every Keystone route reads its own tokens (unscoped ones included), so the core checks none. */
function identityRoute(method: Route["method"], pattern: string, handler: Handler): Route {
  return { method, pattern, service: "identity", auth: "none", handler };
}

export function keystoneRoutes(deps: KeystoneDeps): Route[] {
  const { directory, tokens } = deps;

  /** A handler for the caller's own token (X-Auth-Token); without a valid one, a 401 reply. */
  const byCaller = (fn: (req: CloudRequest, by: TokenRecord) => CloudReply): Handler => (req) => {
    const t = header(req, "x-auth-token");
    const by = t ? tokens.lookup(t) : undefined;
    return by ? fn(req, by) : keystoneError(401, KEYSTONE_UNAUTHORIZED);
  };

  /** A handler for the X-Subject-Token, which the caller may see if it is theirs or the caller is admin/service. */
  const bySubject = (fn: (req: CloudRequest, token: string, record: TokenRecord) => CloudReply): Handler =>
    byCaller((req, by) => {
      const t = header(req, "x-subject-token");
      if (!t) return keystoneError(404, "No token in the request");
      const record = tokens.lookup(t);
      if (!record) return keystoneError(404, "Failed to validate token");
      const privileged = by.roles.includes("admin") || by.roles.includes("service");
      if (record.userId !== by.userId && !privileged) {
        return keystoneError(403, "You are not authorized to perform the requested action: identity:validate_token.");
      }
      return fn(req, t, record);
    });

  /** Keystone's collection links: only `self`, as there is one page. */
  const links = (path: string) => ({ self: `${deps.baseUrl()}/identity/v3${path}`, previous: null, next: null });
  const tokenBody = (req: CloudRequest, record: TokenRecord) => renderToken(record, directory, deps.baseUrl(), !req.query.has("nocatalog"), deps.regions?.());
  const versions = (): CloudReply => ({ status: 300, body: { versions: { values: [versionDoc(deps.baseUrl())] } } });

  return [
    identityRoute("GET", "/", versions),
    identityRoute("GET", "/identity", versions),
    identityRoute("GET", "/identity/v3", () => ({ status: 200, body: { version: versionDoc(deps.baseUrl()) } })),
    identityRoute("POST", "/identity/v3/auth/tokens", (req) => {
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
      return { status: 201, body: tokenBody(req, record), headers: { "X-Subject-Token": token } };
    }),
    identityRoute("GET", "/identity/v3/auth/tokens", bySubject((req, token, record) => ({
      status: 200, body: tokenBody(req, record), headers: { "X-Subject-Token": token },
    }))),
    identityRoute("DELETE", "/identity/v3/auth/tokens", bySubject((_req, token) => {
      tokens.revoke(token);
      return { status: 204 };
    })),
    identityRoute("GET", "/identity/v3/auth/catalog", byCaller((_req, by) => {
      const project = by.projectId ? directory.project(by.projectId) : undefined;
      if (!project) return keystoneError(403, "The service catalog is empty because the token is not scoped to a project");
      return { status: 200, body: { catalog: buildCatalog(deps.baseUrl(), project, deps.regions?.()), links: links("/auth/catalog") } };
    })),
    identityRoute("GET", "/identity/v3/auth/projects", byCaller((_req, by) => {
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
      return { status: 200, body: { projects, links: links("/auth/projects") } };
    })),
    ...selfServiceRoutes(deps),
  ];
}
