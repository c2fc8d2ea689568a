/**
 * The admin API under `/_localcloud/` for tests and the demo: clock, faults, request log, fixtures, token
 * revocation, application credentials and a state dump. No Keystone token; the core gates these routes
 * (service "admin") by loopback or the admin secret, and never injects faults into them. Every region mounts
 * its own copy on its own partition, clock and fault rules (the pipeline picks it by `?region=`); the request
 * log, tokens and credentials are the one Keystone's and the same in every copy.
 */
import type { CloudReply, CloudRequest, Entity, Route } from "../core/contracts";
import type { CloudClock } from "../core/clock";
import { keystoneError } from "../core/errors";
import { FaultInjector, validateFaultRules, type FaultRuleSpec } from "../core/faults";
import type { RequestLog } from "../core/request-log";
import type { Store } from "../core/contracts";
import { applyFixtures, type AppliedFixtures } from "../fixtures/apply-fixtures";
import { parseFixtures, type Fixtures } from "../fixtures/fixtures-format";
import { C, DEFAULT_DOMAIN, Directory } from "../identity/directory";
import { newSecret } from "../identity/secrets";
import type { TokenService } from "../identity/tokens";

/** A store whose collections can be listed (the cloud's store, or a region's partition of it). */
export interface DumpableStore extends Store {
  collections(): string[];
  entities(name: string): Entity[];
}

export interface AdminDeps {
  /** The region's data. */
  store: DumpableStore;
  /** Keystone's data (the same in every region). @default store */
  identity?: DumpableStore;
  /** Writes posted fixtures (Keystone's parts, this region's servers, other regions' by name). @default into `store` */
  applyFixtures?: (fixtures: Fixtures) => AppliedFixtures;
  /** The cloud's regions, the first first, with their endpoints' base URL and clock. @default this one alone, unnamed */
  regions?: () => Array<{ name: string; url: string; now: string }>;
  clock: CloudClock;
  faults: FaultInjector;
  requestLog: RequestLog;
  /** Absent in real-Keystone mode (the built-in Keystone is off). */
  tokens?: TokenService;
}

/** Collections never dumped, and fields stripped from every dumped entity. */
const HIDDEN_COLLECTIONS = new Set(["tokens"]);
const SECRET_FIELDS = new Set(["passwordHash", "secretHash", "password", "secret"]);

type Obj = Record<string, unknown>;
const bad = (message: string): CloudReply => keystoneError(400, message);

function obj(v: unknown): Obj | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
}

export function adminRoutes(deps: AdminDeps): Route[] {
  const { store, clock, faults, requestLog } = deps;
  const identity = deps.identity ?? store;
  const directory = new Directory(identity);
  const writeFixtures = deps.applyFixtures ?? ((f: Fixtures) => applyFixtures(store, clock, f, { identity: deps.tokens !== undefined }));
  const noKeystone = (): CloudReply =>
    keystoneError(409, "the built-in Keystone is off (real-Keystone mode): manage users and tokens in that Keystone");

  const route = (method: Route["method"], pattern: string, handler: (req: CloudRequest) => CloudReply | Promise<CloudReply>): Route => ({
    method,
    pattern: `/_localcloud${pattern}`,
    service: "admin",
    auth: "none",
    handler,
  });

  return [
    route("GET", "/clock", () => ({ status: 200, body: { now: clock.now().toISOString() } })),
    route("POST", "/clock", async (req) => {
      const b = obj(req.body);
      if (b && typeof b.set === "string") {
        const to = new Date(b.set);
        if (Number.isNaN(to.getTime())) return bad(`\`set\` is "${b.set}": not an ISO 8601 time; use e.g. "2025-01-06T00:00:00Z"`);
        await clock.set(to);
      } else if (b && typeof b.advanceSeconds === "number") {
        const s = b.advanceSeconds;
        if (!Number.isFinite(s) || s < 0 || s > 10 * 366 * 86400) {
          return bad(`\`advanceSeconds\` is ${s}: it must be from 0 to 316224000 (10 years); use \`set\` to move back`);
        }
        await clock.advance(s);
      } else return bad('send {"set": "<ISO time>"} or {"advanceSeconds": <seconds>}');
      return { status: 200, body: { now: clock.now().toISOString() } };
    }),

    route("GET", "/regions", () => ({ status: 200, body: { regions: deps.regions?.() ?? [] } })),

    route("GET", "/faults", () => ({ status: 200, body: faults.describe() })),
    route("POST", "/faults", (req) => {
      const b = obj(req.body);
      if (!b) return bad('send {"seed": 1, "rules": [{"path": "^/csbs/", "status": 503}]}');
      const problem = validateFaultRules(b.rules);
      if (problem) return bad(problem);
      if (b.seed !== undefined && !Number.isInteger(b.seed)) return bad(`\`seed\` is ${JSON.stringify(b.seed)}: use an integer`);
      faults.configure(b.rules as FaultRuleSpec[], (b.seed as number | undefined) ?? 1);
      return { status: 200, body: faults.describe() };
    }),
    route("DELETE", "/faults", () => {
      faults.clear();
      return { status: 204 };
    }),

    // The log is the cloud's, not a region's: all of it, or one region's with `?region=`.
    route("GET", "/requests", (req) => ({ status: 200, body: { requests: requestLog.list(req.query.get("region") ?? undefined) } })),
    route("DELETE", "/requests", () => {
      requestLog.clear();
      return { status: 204 };
    }),

    route("POST", "/fixtures", (req) => {
      const parsed = parseFixtures(req.body, "the posted fixtures");
      if (!parsed.value) return bad(parsed.error!);
      try {
        return { status: 200, body: writeFixtures(parsed.value) };
      } catch (error) {
        return bad((error as Error).message);
      }
    }),

    route("POST", "/tokens/revoke", (req) => {
      if (!deps.tokens) return noKeystone();
      const b = obj(req.body);
      if (!b || typeof b.user !== "string") return bad('send {"user": "<user name>", "project": "<project name, optional>"}');
      const user = directory.userByName(b.user, DEFAULT_DOMAIN.id);
      if (!user) return keystoneError(404, `user "${b.user}" does not exist in domain Default`);
      let projectId: string | undefined;
      if (b.project !== undefined) {
        const project = typeof b.project === "string" ? directory.projectByName(b.project) : undefined;
        if (!project) return keystoneError(404, `project ${JSON.stringify(b.project)} does not exist in domain Default`);
        projectId = project.id;
      }
      return { status: 200, body: { revoked: deps.tokens.revokeUser(user.id, projectId) } };
    }),

    route("POST", "/app-credentials", (req) => {
      if (!deps.tokens) return noKeystone();
      const b = obj(req.body);
      if (!b || typeof b.user !== "string") {
        return bad('send {"user": "<user name>", "project": "<project name, optional>", "name": "<optional>", "secret": "<optional>"}');
      }
      const user = directory.userByName(b.user, DEFAULT_DOMAIN.id);
      if (!user) return keystoneError(404, `user "${b.user}" does not exist in domain Default`);
      const project = typeof b.project === "string" ? directory.projectByName(b.project) : user.defaultProjectId ? directory.project(user.defaultProjectId) : undefined;
      if (!project) return keystoneError(404, `project ${JSON.stringify(b.project ?? null)} does not exist; name a project the user has a role on`);
      if (directory.rolesOn(user.id, project.id).length === 0) return bad(`user "${user.name}" has no role on project "${project.name}"`);
      const name = typeof b.name === "string" && b.name ? b.name : `ac-${newSecret().slice(0, 8)}`;
      const secret = typeof b.secret === "string" && b.secret.length >= 8 ? b.secret : newSecret();
      const rec = directory.putAppCredential(user, project.id, name, secret);
      return { status: 201, body: { application_credential: { id: rec.id, name: rec.name, secret, user_id: user.id, project_id: project.id, roles: rec.roles } } };
    }),

    route("GET", "/state", () => {
      const dump: Record<string, Entity[]> = {};
      for (const name of store.collections()) {
        if (HIDDEN_COLLECTIONS.has(name)) continue;
        dump[name] = store.entities(name).map((e) => stripSecrets(e));
      }
      // Keystone's collections belong to every region's view (the first region's partition holds them already).
      for (const name of Object.values(C) as string[]) {
        if (!(name in dump) && identity.collections().includes(name)) dump[name] = identity.entities(name).map((e) => stripSecrets(e));
      }
      return { status: 200, body: { now: clock.now().toISOString(), collections: dump } };
    }),
  ];
}

function stripSecrets<T extends Entity>(e: T): T {
  const out: Obj = {};
  for (const [k, v] of Object.entries(e)) if (!SECRET_FIELDS.has(k)) out[k] = v;
  return out as T;
}
