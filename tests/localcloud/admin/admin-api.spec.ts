import assert from "node:assert/strict";
import type { RequestLogEntry } from "../../../localcloud/core/request-log";
import { ADMIN_HEADERS, startTestCloud, type TestCloud } from "../../support/cloud";
import { adminCall, request, tokenFor } from "../http";

describe("localcloud admin API: clock, request log, fixtures, state", function () {
  this.timeout(30000);
  let cloud: TestCloud;
  before(async () => {
    cloud = await startTestCloud({ clock: { start: "2025-01-06T00:00:00Z" } });
  });
  after(async () => cloud?.close());

  it("reads the clock, which starts where the clock option says", async () => {
    const { now } = await adminCall<{ now: string }>(cloud, "GET", "/clock");
    assert.ok(Math.abs(Date.parse(now) - Date.parse("2025-01-06T00:00:00Z")) < 60000, now);
  });

  it("sets the clock and advances it, answering the new now", async () => {
    const set = await adminCall<{ now: string }>(cloud, "POST", "/clock", { set: "2025-03-03T10:00:00Z" });
    assert.ok(Math.abs(Date.parse(set.now) - Date.parse("2025-03-03T10:00:00Z")) < 5000);
    const adv = await adminCall<{ now: string }>(cloud, "POST", "/clock", { advanceSeconds: 86400 });
    assert.ok(Math.abs(Date.parse(adv.now) - Date.parse("2025-03-04T10:00:00Z")) < 5000);
  });

  it("runs onAdvance listeners for the stretch before answering", async () => {
    const seen: Array<[string, string]> = [];
    cloud.clock.onAdvance(async (from, to) => {
      seen.push([from.toISOString(), to.toISOString()]);
    });
    await adminCall(cloud, "POST", "/clock", { set: "2025-04-01T00:00:00Z" });
    seen.length = 0;
    await adminCall(cloud, "POST", "/clock", { advanceSeconds: 7200 });
    assert.ok(seen.length >= 1);
    const last = seen[seen.length - 1]!;
    assert.ok(Date.parse(last[1]) - Date.parse("2025-04-01T02:00:00Z") < 5000 && Date.parse(last[1]) >= Date.parse("2025-04-01T02:00:00Z"));
  });

  it("rejects bad clock requests with 400", async () => {
    for (const body of [{}, { set: "yesterday" }, { advanceSeconds: -5 }]) {
      const r = await request("POST", `${cloud.adminUrl}/clock`, { headers: { ...ADMIN_HEADERS }, body });
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal((r.body as { error: { code: number } }).error.code, 400);
    }
  });

  it("logs requests with method, path, status, project, service and time; DELETE clears the log", async () => {
    const { token, projectId } = await tokenFor(cloud, "demo", "demo", "demo");
    assert.equal((await request("DELETE", `${cloud.adminUrl}/requests`, { headers: { ...ADMIN_HEADERS } })).status, 204);
    await request("GET", `${cloud.url}/compute/v2.1/servers?limit=1`, { token });
    await request("GET", `${cloud.url}/compute/v2.1/servers/nope`, { token });
    const { requests } = await adminCall<{ requests: RequestLogEntry[] }>(cloud, "GET", "/requests");
    const mine = requests.filter((e) => e.service === "compute");
    assert.deepEqual(
      mine.map((e) => [e.method, e.path, e.status, e.project, e.service]),
      [
        ["GET", "/compute/v2.1/servers", 200, projectId, "compute"],
        ["GET", "/compute/v2.1/servers/nope", 404, projectId, "compute"],
      ],
    );
    assert.ok(mine.every((e) => !Number.isNaN(Date.parse(e.time))));
  });

  it("adds projects, users, servers and volumes through POST /fixtures, and adds to an existing project", async () => {
    const applied = await adminCall<{ projects: Array<{ id: string; name: string; servers: Array<{ id: string; name: string; volumeIds: string[] }> }> }>(
      cloud,
      "POST",
      "/fixtures",
      {
        projects: [
          {
            name: "team-a",
            users: [{ name: "alice", password: "alicepw", roles: ["member"] }],
            servers: [{ name: "app-0", status: "SHUTOFF", volumes: [{ sizeGb: 20, bootable: true }, { sizeGb: 100, bootable: false, multiattach: true }] }],
          },
          { name: "demo", servers: [{ name: "extra-0" }] },
        ],
      },
    );
    assert.equal(applied.projects[0]!.servers[0]!.volumeIds.length, 2);
    const alice = await tokenFor(cloud, "alice", "alicepw", "team-a");
    const list = await request("GET", `${cloud.url}/compute/v2.1/servers/detail`, { token: alice.token });
    const servers = (list.body as { servers: Array<{ name: string; status: string }> }).servers;
    assert.deepEqual(servers.map((s) => [s.name, s.status]), [["app-0", "SHUTOFF"]]);
    const vol = await request("GET", `${cloud.url}/volume/v3/${alice.projectId}/volumes/${applied.projects[0]!.servers[0]!.volumeIds[1]}`, { token: alice.token });
    assert.equal((vol.body as { volume: { size: number; multiattach: boolean } }).volume.size, 100);
    const demo = await tokenFor(cloud, "demo", "demo", "demo");
    const demoList = await request("GET", `${cloud.url}/compute/v2.1/servers?name=extra-0`, { token: demo.token });
    assert.equal((demoList.body as { servers: unknown[] }).servers.length, 1);
  });

  it("gives fixture ids that do not change when the same fixtures are applied again", async () => {
    const body = { projects: [{ name: "stable", servers: [{ name: "s-0" }] }] };
    const a = await adminCall<{ projects: Array<{ id: string; servers: Array<{ id: string }> }> }>(cloud, "POST", "/fixtures", body);
    const b = await adminCall<{ projects: Array<{ id: string; servers: Array<{ id: string }> }> }>(cloud, "POST", "/fixtures", body);
    assert.deepEqual(a, b);
  });

  it("rejects fixtures that do not match the format with 400 naming the property", async () => {
    const r = await request("POST", `${cloud.adminUrl}/fixtures`, { headers: { ...ADMIN_HEADERS }, body: { projects: [{ name: "x", servers: [{ name: "s", status: "RUNNING" }] }] } });
    assert.equal(r.status, 400);
    assert.match((r.body as { error: { message: string } }).error.message, /projects\[0\]\.servers\[0\]\.status/);
  });

  it("creates an application credential for a user and answers 404 for an unknown user", async () => {
    const created = await request("POST", `${cloud.adminUrl}/app-credentials`, { headers: { ...ADMIN_HEADERS }, body: { user: "demo", project: "demo", name: "named", secret: "given-secret-1" } });
    assert.equal(created.status, 201);
    const ac = (created.body as { application_credential: { id: string; secret: string; name: string } }).application_credential;
    assert.equal(ac.secret, "given-secret-1");
    assert.equal(ac.name, "named");
    assert.equal((await request("POST", `${cloud.adminUrl}/app-credentials`, { headers: { ...ADMIN_HEADERS }, body: { user: "ghost" } })).status, 404);
  });

  it("dumps the store as JSON at GET /state", async () => {
    const r = await adminCall<{ now: string; collections: Record<string, Array<{ id: string; name?: string }>> }>(cloud, "GET", "/state");
    assert.ok(r.collections.servers!.some((s) => s.name === "web-000"));
    assert.ok(r.collections.projects!.some((p) => p.name === "demo"));
    assert.ok(r.collections.users!.every((u) => !("passwordHash" in u)));
  });

  it("answers 404 in the admin format for an unknown admin path", async () => {
    const r = await request("GET", `${cloud.adminUrl}/nothing`);
    assert.equal(r.status, 404);
    assert.equal((r.body as { error: { code: number } }).error.code, 404);
  });
});

describe("localcloud admin API with an admin secret", function () {
  this.timeout(20000);
  let cloud: TestCloud;
  before(async () => {
    cloud = await startTestCloud({ adminSecret: "let-me-in" });
  });
  after(async () => cloud?.close());

  it("refuses admin requests without the X-LocalCloud-Admin-Secret header or with a wrong one (403)", async () => {
    for (const headers of [{}, { "x-localcloud-admin-secret": "nope" }] as Array<Record<string, string>>) {
      const r = await request("GET", `${cloud.adminUrl}/clock`, { headers });
      assert.equal(r.status, 403);
      assert.match((r.body as { error: { message: string } }).error.message, /X-LocalCloud-Admin-Secret/);
    }
  });

  it("serves admin requests that carry the secret", async () => {
    const r = await request("GET", `${cloud.adminUrl}/clock`, { headers: { "x-localcloud-admin-secret": "let-me-in" } });
    assert.equal(r.status, 200);
  });

  it("does not ask for the secret on the cloud's other APIs", async () => {
    assert.equal((await request("GET", `${cloud.url}/identity/v3`)).status, 200);
  });
});
