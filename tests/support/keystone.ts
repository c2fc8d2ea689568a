/**
 * A real OpenStack Keystone (Debian bookworm packages) on loopback, started and stopped by the tests.
 *
 * How and why (three traps: SQLite WAL, uWSGI one process one thread, `Connection: close`) is measured in
 * ../shared/docs/keystone-local.md. Everything importing `keystone` runs under Debian's /usr/bin/python3,
 * because the python3 first on PATH may be another interpreter without the packages.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { exec, REPO_ROOT } from "./engine";
import { aptGetCommand } from "./debian";
import { passwordAuthBody } from "./password-auth";

/** Debian packages that give Keystone (with uWSGI), the `openstack` CLI and the `karbor` CLI. */
export const KEYSTONE_PACKAGES = ["keystone", "python3-openstackclient", "python3-openstacksdk", "python3-karborclient"] as const;

const DEBIAN_PYTHON = "/usr/bin/python3";
const WSGI_SCRIPT = "/usr/bin/keystone-wsgi-public";
const UWSGI_CANDIDATES = ["/usr/bin/uwsgi_python311", "/usr/bin/uwsgi_python3"];
const POLICY_RC_D = "/usr/sbin/policy-rc.d";
const INSTALL_HINT =
  "install them as root with: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y " +
  `--no-install-recommends ${KEYSTONE_PACKAGES.join(" ")} (see ../shared/docs/keystone-local.md)`;

export interface RealKeystoneOptions {
  /** Password of the bootstrap `admin` user (project `admin`). @default "adminpw" */
  adminPassword?: string;
  /** Web server: uWSGI (as Debian ships it) or the script's own wsgiref server. @default "uwsgi" */
  server?: "uwsgi" | "wsgiref";
  /** Token lifetime in seconds. @default 3600 */
  tokenTtlSeconds?: number;
}

/** The service user the local cloud validates tokens with (role `service` on project `service`). */
export interface ServiceUser {
  name: string;
  password: string;
  project: string;
  domain: string;
}

export interface IssuedToken {
  token: string;
  projectId: string;
  roles: string[];
  catalog: Array<{ type: string; name?: string; endpoints: Array<{ interface: string; url: string; region?: string }> }>;
}

export interface RealKeystone {
  /** The identity URL, ending in `/v3`. */
  url: string;
  adminPassword: string;
  serviceUser: ServiceUser;
  /** Project ids by name. */
  projects: { demo: string; other: string; service: string; admin: string };
  /** How long each phase took, in milliseconds (install is 0 when the packages were present). */
  timings: { installMs: number; manageMs: number; serverToTokenMs: number; fixturesMs: number; totalMs: number };
  /** Points the compute, volumev3 and data-protect catalog entries at a local cloud, replacing earlier ones. */
  registerCloudEndpoints(cloudBaseUrl: string): Promise<void>;
  /** Password login with project scope (domain Default); throws on anything but 201. */
  issueToken(user: string, password: string, project: string): Promise<IssuedToken>;
  /** Revokes one token in Keystone (`DELETE /v3/auth/tokens`). */
  revokeToken(token: string): Promise<void>;
  /** Stops the server and deletes the state directory; returns how long it took in milliseconds. */
  stop(): Promise<number>;
}

/** Installs the Debian packages when missing; returns the milliseconds spent installing (0 if present). */
export async function ensureKeystonePackages(): Promise<number> {
  if (packagesPresent()) return 0;
  if (process.getuid?.() !== 0) throw new Error(`the Debian packages ${KEYSTONE_PACKAGES.join(", ")} are missing; ${INSTALL_HINT}`);
  const started = Date.now();
  // The package's postinst would start Keystone on 0.0.0.0:5000; policy-rc.d exit 101 forbids that.
  const ownPolicy = !fs.existsSync(POLICY_RC_D);
  if (ownPolicy) fs.writeFileSync(POLICY_RC_D, "#!/bin/sh\n# temporary, written by pulumi-csbs tests\nexit 101\n", { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const update = await exec(...aptGetCommand(["update"]), { env, timeoutMs: 5 * 60_000 });
    if (update.code !== 0) throw new Error(`apt-get update failed (exit ${update.code}):\n${tail(update.output)}`);
    const install = await exec(...aptGetCommand(["install", "-y", "--no-install-recommends", ...KEYSTONE_PACKAGES]), {
      env,
      timeoutMs: 10 * 60_000,
    });
    if (install.code !== 0) throw new Error(`apt-get install failed (exit ${install.code}):\n${tail(install.output)}`);
  } catch (err) {
    throw new Error(`could not install ${KEYSTONE_PACKAGES.join(", ")}: ${(err as Error).message}\n${INSTALL_HINT}`);
  } finally {
    if (ownPolicy) fs.rmSync(POLICY_RC_D, { force: true });
  }
  if (!packagesPresent()) throw new Error(`apt-get reported success but Keystone is still missing; ${INSTALL_HINT}`);
  return Date.now() - started;
}

function packagesPresent(): boolean {
  return fs.existsSync(WSGI_SCRIPT) && fs.existsSync("/usr/bin/openstack") && fs.existsSync("/usr/bin/karbor") && uwsgiBinary() !== undefined;
}

function uwsgiBinary(): string | undefined {
  return UWSGI_CANDIDATES.find((p) => fs.existsSync(p));
}

function tail(text: string, lines = 30): string {
  return text.trim().split("\n").slice(-lines).join("\n");
}

/** A free TCP port on 127.0.0.1 (closed again before it is returned). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function keystoneConf(state: string, ttl: number): string {
  return [
    "[DEFAULT]",
    "use_stderr = true",
    "[database]",
    `connection = sqlite:///${state}/keystone.db`,
    "[identity]",
    // bcrypt's minimum cost: each password hash/check is ~1 ms instead of ~250 ms; test users only.
    "password_hash_rounds = 4",
    "[token]",
    "provider = fernet",
    `expiration = ${ttl}`,
    "[fernet_tokens]",
    `key_repository = ${state}/fernet-keys`,
    "[fernet_receipts]",
    `key_repository = ${state}/fernet-receipts`,
    "[credential]",
    `key_repository = ${state}/credential-keys`,
    "",
  ].join("\n");
}

/** Starts a fresh Keystone with the test projects, users and roles. */
export async function startRealKeystone(opts: RealKeystoneOptions = {}): Promise<RealKeystone> {
  const t0 = Date.now();
  const adminPassword = opts.adminPassword ?? "adminpw";
  const installMs = await ensureKeystonePackages();
  const state = fs.mkdtempSync(path.join(os.tmpdir(), "csbs-keystone-"));
  let child: ChildProcess | undefined;
  const cleanup = () => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    fs.rmSync(state, { recursive: true, force: true });
  };
  process.once("exit", cleanup);
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const url = `${base}/v3`;
    const confFile = path.join(state, "keystone.conf");
    fs.writeFileSync(confFile, keystoneConf(state, opts.tokenTtlSeconds ?? 3600));

    const tManage = Date.now();
    const manage = await exec(
      DEBIAN_PYTHON,
      [path.join(REPO_ROOT, "scripts", "keystone", "manage.py"), confFile, url, path.join(state, "keystone.db")],
      { env: { ...process.env, KS_ADMIN_PASSWORD: adminPassword }, timeoutMs: 120_000 },
    );
    if (manage.code !== 0 || !manage.stdout.includes("manage: ok")) {
      throw new Error(`keystone-manage steps failed (exit ${manage.code}):\n${tail(manage.output)}`);
    }
    const manageMs = Date.now() - tManage;

    const tServer = Date.now();
    const log = fs.openSync(path.join(state, "server.log"), "a");
    const env = { ...process.env, OS_KEYSTONE_CONFIG_FILES: confFile };
    const uwsgi = uwsgiBinary() ?? "";
    const [cmd, args] =
      opts.server === "wsgiref"
        ? [DEBIAN_PYTHON, [WSGI_SCRIPT, "--host", "127.0.0.1", "--port", String(port)]]
        : [
            uwsgi,
            // One process, one thread, Connection: close: see the three traps in keystone-local.md.
            ["--http-socket", `127.0.0.1:${port}`, "--add-header", "Connection: close", "--wsgi-file", WSGI_SCRIPT,
             "--master", "--processes", "1", "--threads", "1", "--die-on-term", "--buffer-size", "65535"],
          ];
    // Own process group, so stop() and the exit hook can take the master and its worker down together.
    child = spawn(cmd, args, { env, detached: true, stdio: ["ignore", log, log] });
    fs.closeSync(log);
    const exited = new Promise<void>((resolve) => child?.once("exit", () => resolve()));
    const serverLog = () => tail(fs.readFileSync(path.join(state, "server.log"), "utf8"));

    const admin = await waitForToken(url, adminPassword, child, serverLog);
    const serverToTokenMs = Date.now() - tServer;

    const tFixtures = Date.now();
    const api = new KeystoneApi(url, admin);
    const fixtures = await createFixtures(api);
    const fixturesMs = Date.now() - tFixtures;

    const serviceUser: ServiceUser = { name: "csbs", password: "csbspw", project: "service", domain: "Default" };
    let stopped: Promise<number> | undefined;
    return {
      url,
      adminPassword,
      serviceUser,
      projects: fixtures.projects,
      timings: { installMs, manageMs, serverToTokenMs, fixturesMs, totalMs: Date.now() - t0 },
      registerCloudEndpoints: (cloudBaseUrl) => registerEndpoints(api, fixtures.services, cloudBaseUrl),
      issueToken: (user, password, project) => issueToken(url, user, password, project),
      revokeToken: async (token) => {
        const res = await api.call("DELETE", "/auth/tokens", undefined, { "X-Subject-Token": token });
        if (res.status !== 204) throw new Error(`revoking a token failed: ${res.status} ${JSON.stringify(res.body)}`);
      },
      stop: () => {
        stopped ??= (async () => {
          const t = Date.now();
          const pid = child?.pid;
          if (pid !== undefined && child?.exitCode === null && child.signalCode === null) {
            process.kill(-pid, "SIGTERM");
            const timer = setTimeout(() => {
              try {
                process.kill(-pid, "SIGKILL");
              } catch {
                /* gone meanwhile */
              }
            }, 10_000);
            await exited;
            clearTimeout(timer);
          }
          process.removeListener("exit", cleanup);
          fs.rmSync(state, { recursive: true, force: true });
          return Date.now() - t;
        })();
        return stopped;
      },
    };
  } catch (err) {
    cleanup();
    process.removeListener("exit", cleanup);
    throw err;
  }
}

async function waitForToken(url: string, adminPassword: string, child: ChildProcess, serverLog: () => string): Promise<string> {
  const deadline = Date.now() + 60_000;
  let last = "";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the Keystone server exited (${child.exitCode ?? child.signalCode}) before answering:\n${serverLog()}`);
    }
    try {
      const v3 = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (v3.status === 200) return (await issueToken(url, "admin", adminPassword, "admin")).token;
      last = `GET /v3 → ${v3.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Keystone did not issue a token within 60 s (last: ${last}):\n${serverLog()}`);
}

/** Password login scoped to a project in domain Default. */
export async function issueToken(url: string, user: string, password: string, project: string): Promise<IssuedToken> {
  const res = await fetch(`${url}/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: passwordAuthBody(user, password, project),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`login as ${user} on ${project} failed: ${res.status} ${text}`);
  const body = JSON.parse(text) as {
    token: { project: { id: string }; roles: Array<{ name: string }>; catalog?: IssuedToken["catalog"] };
  };
  return {
    token: res.headers.get("x-subject-token") ?? "",
    projectId: body.token.project.id,
    roles: body.token.roles.map((r) => r.name).sort(),
    catalog: body.token.catalog ?? [],
  };
}

/** Minimal authenticated JSON calls against the Keystone admin API. */
class KeystoneApi {
  constructor(private readonly url: string, private readonly token: string) {}

  async call(method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.url}${p}`, {
      method,
      headers: { "X-Auth-Token": this.token, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  async create<T extends { id: string }>(p: string, key: string, value: Record<string, unknown>): Promise<T> {
    const res = await this.call("POST", p, { [key]: value });
    if (res.status !== 201) throw new Error(`POST ${p} ${JSON.stringify(value.name ?? value.type)} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body[key] as T;
  }

  async grant(projectId: string, userId: string, roleId: string): Promise<void> {
    const res = await this.call("PUT", `/projects/${projectId}/users/${userId}/roles/${roleId}`);
    if (res.status !== 204) throw new Error(`granting role ${roleId} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

interface Fixtures {
  projects: RealKeystone["projects"];
  services: Record<"compute" | "volumev3" | "data-protect", string>;
}

async function createFixtures(api: KeystoneApi): Promise<Fixtures> {
  const roles = (await api.call("GET", "/roles")).body.roles as Array<{ id: string; name: string }>;
  const roleId = (name: string) => {
    const r = roles.find((x) => x.name === name);
    if (!r) throw new Error(`bootstrap did not create role ${name}`);
    return r.id;
  };
  const service = await api.create<{ id: string }>("/roles", "role", { name: "service" });
  const adminProject = ((await api.call("GET", "/projects?name=admin")).body.projects as Array<{ id: string }>)[0].id;
  const project = (name: string) => api.create<{ id: string }>("/projects", "project", { name, domain_id: "default" });
  const demo = await project("demo");
  const other = await project("other");
  const svc = await project("service");
  const users: Array<[string, string, string, string]> = [
    ["demo", "demo", demo.id, roleId("member")],
    ["demo-reader", "demo", demo.id, roleId("reader")],
    ["other", "other", other.id, roleId("member")],
    // GET /v3/auth/tokens accepts the service role (HEAD does not): see keystone-local.md §5.
    ["csbs", "csbspw", svc.id, service.id],
  ];
  for (const [name, password, projectId, role] of users) {
    const user = await api.create<{ id: string }>("/users", "user", { name, password, domain_id: "default", default_project_id: projectId });
    await api.grant(projectId, user.id, role);
  }
  const services = {} as Fixtures["services"];
  for (const type of ["compute", "volumev3", "data-protect"] as const) {
    const name = { compute: "nova", volumev3: "cinderv3", "data-protect": "csbs" }[type];
    services[type] = (await api.create<{ id: string }>("/services", "service", { type, name })).id;
  }
  return { projects: { demo: demo.id, other: other.id, service: svc.id, admin: adminProject }, services };
}

async function registerEndpoints(api: KeystoneApi, services: Fixtures["services"], cloudBaseUrl: string): Promise<void> {
  const base = cloudBaseUrl.replace(/\/+$/, "");
  const urls: Fixtures["services"] = {
    compute: `${base}/compute/v2.1`,
    volumev3: `${base}/volume/v3/$(project_id)s`,
    "data-protect": `${base}/csbs/v1/$(project_id)s`,
  };
  for (const [type, serviceId] of Object.entries(services) as Array<[keyof Fixtures["services"], string]>) {
    const existing = (await api.call("GET", `/endpoints?service_id=${serviceId}`)).body.endpoints as Array<{ id: string }>;
    for (const e of existing) await api.call("DELETE", `/endpoints/${e.id}`);
    await api.create("/endpoints", "endpoint", { service_id: serviceId, interface: "public", region_id: "RegionOne", url: urls[type] });
  }
}

let shared: Promise<RealKeystone> | undefined;

/** One Keystone per spec file run, started on first use and stopped after the file's last test. */
export function sharedRealKeystone(): Promise<RealKeystone> {
  shared ??= startRealKeystone();
  return shared;
}

/** Stops the shared Keystone if it was started; safe to call more than once. */
export async function stopSharedRealKeystone(): Promise<void> {
  if (!shared) return;
  const started = shared;
  // The next user starts a new one: with parallel runs the root `after` fires after each spec file of a worker
  // process, and a later file of the same worker must not get the stopped Keystone.
  shared = undefined;
  const ks = await started.catch(() => undefined);
  await ks?.stop();
}

// This module is first loaded while mocha loads the spec files, so `after` here is a root hook: it runs after
// the last test of the run (of each spec file, when files run in parallel workers). The process exit hook in startRealKeystone covers runs that end otherwise.
if (typeof after === "function") {
  after(function () {
    // The root suite keeps mocha's 2 s default; uWSGI takes about 1 s to stop and up to 10 s before SIGKILL.
    this.timeout(30_000);
    return stopSharedRealKeystone();
  });
}
