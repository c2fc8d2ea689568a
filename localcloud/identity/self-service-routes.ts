/**
 * What Keystone's default policy lets any user do for themselves: create an application credential of their
 * own (`POST /v3/users/{own id}/application_credentials`, bound to the token's project and roles) and read the
 * project their token is scoped to (`GET /v3/projects/{that id}`). Anything about another user or project is 403.
 */
import type { CloudReply, CloudRequest, Route } from "../core/contracts";
import { KEYSTONE_UNAUTHORIZED, keystoneError } from "../core/errors";
import { roleId, type Directory } from "./directory";
import { newSecret } from "./secrets";
import type { TokenRecord, TokenService } from "./tokens";

export interface SelfServiceDeps {
  directory: Directory;
  tokens: TokenService;
  baseUrl: () => string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function caller(req: CloudRequest, tokens: TokenService): TokenRecord | undefined {
  const t = req.headers["x-auth-token"];
  const token = Array.isArray(t) ? t[0] : t;
  return token ? tokens.lookup(token) : undefined;
}

const forbidden = (action: string) => keystoneError(403, `You are not authorized to perform the requested action: ${action}.`);

export function selfServiceRoutes(deps: SelfServiceDeps): Route[] {
  const { directory, tokens } = deps;
  const url = (path: string) => `${deps.baseUrl()}/identity/v3${path}`;

  const createCredential = (req: CloudRequest): CloudReply => {
    const by = caller(req, tokens);
    if (!by) return keystoneError(401, KEYSTONE_UNAUTHORIZED);
    const action = "identity:create_application_credential";
    if (req.params.user_id !== by.userId || !by.projectId) return forbidden(action);
    // An application credential cannot mint another one (Keystone allows it only for "unrestricted" ones).
    if (by.appCredentialId) return forbidden(action);
    const body = isObject(req.body) ? req.body.application_credential : undefined;
    if (!isObject(body)) return keystoneError(400, "Invalid input for field 'application_credential': it is a required property");
    const name = body.name;
    if (typeof name !== "string" || name.trim() === "" || name.length > 255) {
      return keystoneError(400, "Invalid input for field 'name': a text of 1 to 255 characters is required");
    }
    if (body.secret !== undefined && (typeof body.secret !== "string" || body.secret === "")) return keystoneError(400, "Invalid input for field 'secret': it must be a non-empty text");
    const user = directory.user(by.userId);
    if (!user) return keystoneError(404, `Could not find user: ${by.userId}.`);
    if (directory.appCredentialByName(user.id, name)) return keystoneError(409, `Conflict occurred attempting to store application_credential - Duplicate entry found with name ${name}.`);
    const secret = typeof body.secret === "string" ? body.secret : newSecret();
    const record = directory.putAppCredential(user, by.projectId, name, secret, [...by.roles]);
    return {
      status: 201,
      body: {
        application_credential: {
          id: record.id,
          name: record.name,
          description: typeof body.description === "string" ? body.description : null,
          secret,
          user_id: user.id,
          project_id: record.projectId,
          roles: record.roles.map((r) => ({ id: roleId(r), name: r, domain_id: null })),
          expires_at: null,
          unrestricted: false,
          access_rules: [],
          links: { self: url(`/users/${user.id}/application_credentials/${record.id}`) },
        },
      },
    };
  };

  const showProject = (req: CloudRequest): CloudReply => {
    const by = caller(req, tokens);
    if (!by) return keystoneError(401, KEYSTONE_UNAUTHORIZED);
    const project = by.projectId === req.params.project_id ? directory.project(req.params.project_id) : undefined;
    if (!project) return forbidden("identity:get_project");
    return {
      status: 200,
      body: {
        project: {
          id: project.id, name: project.name, domain_id: project.domainId, description: "", enabled: true, is_domain: false,
          parent_id: project.domainId, tags: [], options: {}, links: { self: url(`/projects/${project.id}`) },
        },
      },
    };
  };

  return [
    { method: "POST", pattern: "/identity/v3/users/:user_id/application_credentials", service: "identity", auth: "none", handler: createCredential },
    { method: "GET", pattern: "/identity/v3/projects/:project_id", service: "identity", auth: "none", handler: showProject },
  ];
}
