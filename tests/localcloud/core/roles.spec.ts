import assert from "node:assert/strict";
import { CloudClock } from "../../../localcloud/core/clock";
import type { Route } from "../../../localcloud/core/contracts";
import { FaultInjector } from "../../../localcloud/core/faults";
import { RequestLog } from "../../../localcloud/core/request-log";
import { requireAdmin, requireProjectMatch, requireRead, requireWrite } from "../../../localcloud/core/roles";
import { Router } from "../../../localcloud/core/router";
import { CloudServer } from "../../../localcloud/core/server";
import { LocalStore } from "../../../localcloud/core/store";
import { applyFixtures } from "../../../localcloud/fixtures/apply-fixtures";
import { defaultFixtures } from "../../../localcloud/fixtures/default-fixtures";
import { Directory } from "../../../localcloud/identity/directory";
import { keystoneRoutes } from "../../../localcloud/identity/keystone-routes";
import { TokenService } from "../../../localcloud/identity/tokens";
import { request } from "../http";

/**
 * The core's role helpers on a cloud made of the real core, the built-in Keystone and three probe routes
 * (no data-protection service involved).
 */
describe("localcloud role checks (reader reads, member writes, admin does everything)", function () {
  this.timeout(20000);
  let server: CloudServer;
  let base = "";
  const tokens: Record<string, string> = {};
  let demoId = "";

  before(async () => {
    const store = new LocalStore();
    const clock = new CloudClock();
    // One region here: the default fixtures' servers of other regions stay out.
    applyFixtures(store, clock, { projects: defaultFixtures().projects.map(({ regions: _elsewhere, ...p }) => p) });
    const directory = new Directory(store);
    const tokenService = new TokenService(store, directory, 3600);
    const probe = (method: Route["method"], name: string, check: typeof requireRead): Route => ({
      method,
      pattern: `/compute/v2.1/:project_id/probe/${name}`,
      service: "compute",
      auth: "token",
      handler: (req) => {
        requireProjectMatch(req, "compute", req.params.project_id);
        const auth = check(req, "compute", `probe:${name}`);
        return { status: 200, body: { user: auth.userName } };
      },
    });
    const router = new Router([
      ...keystoneRoutes({ directory, tokens: tokenService, baseUrl: () => base }),
      probe("GET", "read", requireRead),
      probe("POST", "write", requireWrite),
      probe("POST", "admin", requireAdmin),
    ]);
    const partitions = [{ name: "RegionOne", prefix: "", router, faults: new FaultInjector() }];
    server = new CloudServer({ partitions, validator: tokenService, requestLog: new RequestLog(), log: () => undefined });
    const addr = await server.listen(0, "127.0.0.1");
    base = `http://127.0.0.1:${addr.port}`;
    for (const [user, password, project] of [
      ["demo", "demo", "demo"],
      ["demo-reader", "demo", "demo"],
      ["admin", "admin", "demo"],
      ["other", "other", "other"],
    ] as const) {
      const r = await request("POST", `${base}/identity/v3/auth/tokens`, {
        body: {
          auth: {
            identity: { methods: ["password"], password: { user: { name: user, domain: { name: "Default" }, password } } },
            scope: { project: { name: project, domain: { name: "Default" } } },
          },
        },
      });
      assert.equal(r.status, 201, r.text);
      tokens[user] = String(r.headers["x-subject-token"]);
      if (user === "demo") demoId = (r.body as { token: { project: { id: string } } }).token.project.id;
    }
  });
  after(async () => server?.close());

  const call = (method: string, name: string, user: string) => request(method, `${base}/compute/v2.1/${demoId}/probe/${name}`, { token: tokens[user]! });

  it("lets a reader read", async () => {
    assert.equal((await call("GET", "read", "demo-reader")).status, 200);
  });

  it("refuses a reader's write with 403 in the service's dialect", async () => {
    const r = await call("POST", "write", "demo-reader");
    assert.equal(r.status, 403);
    const fault = (r.body as { forbidden: { code: number; message: string } }).forbidden;
    assert.equal(fault.code, 403);
    assert.match(fault.message, /probe:write/);
    assert.match(fault.message, /member role/);
  });

  it("lets a member read and write but not do admin things", async () => {
    assert.equal((await call("GET", "read", "demo")).status, 200);
    assert.equal((await call("POST", "write", "demo")).status, 200);
    assert.equal((await call("POST", "admin", "demo")).status, 403);
  });

  it("lets an admin do everything", async () => {
    for (const [m, n] of [["GET", "read"], ["POST", "write"], ["POST", "admin"]] as const) assert.equal((await call(m, n, "admin")).status, 200, n);
  });

  it("refuses another project's id in the URL with 400 Malformed request url", async () => {
    const r = await call("GET", "read", "other");
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { badRequest: { code: 400, message: "Malformed request url" } });
  });
});
