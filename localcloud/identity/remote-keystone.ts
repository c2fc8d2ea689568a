/**
 * Real-Keystone mode: validates every incoming token against an external Keystone the way keystonemiddleware
 * does (`GET /v3/auth/tokens` with the cloud's own service token in X-Auth-Token and the caller's token in
 * X-Subject-Token). The service token is cached until shortly before it expires and renewed on a 401.
 */
import type { AuthContext } from "../core/contracts";
import { expandRoles, type TokenValidator } from "../core/auth";
import { tokenKey } from "./secrets";

/** The cloud's own Keystone user, used only to validate callers' tokens. */
export interface ServiceUser {
  name: string;
  password: string;
  project: string;
  /** Domain of the user and the project. @default "Default" */
  domain?: string;
}

export interface RemoteKeystoneOptions {
  /** Keystone's URL, with or without the trailing `/v3`. */
  keystoneUrl: string;
  serviceUser: ServiceUser;
  /**
   * Seconds a successful validation is reused. Revocation is only seen after this long, so the default is 0.
   * @default 0
   */
  cacheSeconds?: number;
  /** Called with each project a valid token is scoped to (lets fixtures named like it adopt its id). @default undefined */
  onProject?: (project: { id: string; name: string; domainId: string }) => void;
}

interface ValidatedToken {
  token: {
    user: { id: string; name: string };
    project?: { id: string; name: string; domain?: { id: string; name?: string } };
    roles?: Array<{ name: string }>;
    expires_at: string;
  };
}

export class RemoteKeystoneValidator implements TokenValidator {
  private readonly v3: string;
  private serviceToken: Promise<{ token: string; expiresAt: number }> | undefined;
  private readonly cache = new Map<string, { auth: AuthContext; until: number }>();

  constructor(private readonly options: RemoteKeystoneOptions) {
    const base = options.keystoneUrl.replace(/\/+$/, "");
    this.v3 = base.endsWith("/v3") ? base : `${base}/v3`;
  }

  async validate(token: string): Promise<AuthContext | undefined> {
    if (token.length > 8192) return undefined;
    const key = tokenKey(token);
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.auth;
    this.cache.delete(key);

    let res = await this.check(token, await this.serviceTokenValue(false));
    if (res.status === 401) res = await this.check(token, await this.serviceTokenValue(true));
    if (res.status !== 200) return undefined;
    const body = (await res.json()) as ValidatedToken;
    const t = body.token;
    if (!t.project || Date.parse(t.expires_at) <= Date.now()) return undefined;
    const project = { id: t.project.id, name: t.project.name, domainId: t.project.domain?.id ?? "default" };
    this.options.onProject?.(project);
    const roles = expandRoles((t.roles ?? []).map((r) => r.name));
    const auth: AuthContext = {
      userId: t.user.id,
      userName: t.user.name,
      projectId: project.id,
      projectName: project.name,
      roles,
      isAdmin: roles.includes("admin"),
    };
    const ttl = (this.options.cacheSeconds ?? 0) * 1000;
    if (ttl > 0) this.cache.set(key, { auth, until: Math.min(Date.now() + ttl, Date.parse(t.expires_at)) });
    return auth;
  }

  private check(subject: string, serviceToken: string): Promise<Response> {
    return fetch(`${this.v3}/auth/tokens?nocatalog`, {
      headers: { "X-Auth-Token": serviceToken, "X-Subject-Token": subject, Accept: "application/json" },
    });
  }

  private async serviceTokenValue(renew: boolean): Promise<string> {
    const current = this.serviceToken ? await this.serviceToken.catch(() => undefined) : undefined;
    if (!renew && current && current.expiresAt - 60000 > Date.now()) return current.token;
    this.serviceToken = this.issueServiceToken();
    return (await this.serviceToken).token;
  }

  private async issueServiceToken(): Promise<{ token: string; expiresAt: number }> {
    const u = this.options.serviceUser;
    const domain = { name: u.domain ?? "Default" };
    const res = await fetch(`${this.v3}/auth/tokens?nocatalog`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({
        auth: {
          identity: { methods: ["password"], password: { user: { name: u.name, domain, password: u.password } } },
          scope: { project: { name: u.project, domain } },
        },
      }),
    });
    const token = res.headers.get("x-subject-token");
    if (res.status !== 201 || !token) {
      throw new Error(
        `the local cloud's service user "${u.name}" could not log in to Keystone at ${this.v3} (HTTP ${res.status}); check serviceUser name, password, project and domain`,
      );
    }
    const body = (await res.json()) as ValidatedToken;
    return { token, expiresAt: Date.parse(body.token.expires_at) };
  }
}
