import assert from "node:assert/strict";
import { cloudPerSuite } from "../cloud-per-suite";
import { adminCall, request, tokenFor } from "../http";

interface ServerRef {
  id: string;
  name: string;
  links: Array<{ rel: string; href: string }>;
}
interface Server extends ServerRef {
  status: string;
  tenant_id: string;
  created: string;
  "OS-EXT-AZ:availability_zone": string;
  "os-extended-volumes:volumes_attached": Array<{ id: string }>;
}
interface ServerList<T> {
  servers: T[];
  servers_links?: Array<{ rel: string; href: string }>;
}

describe("localcloud Nova subset (/compute/v2.1)", function () {
  this.timeout(20000);
  const ctx = cloudPerSuite();
  let reader: { token: string };
  let other: { token: string; projectId: string };
  let otherServerId: string;

  before(async () => {
    reader = await tokenFor(ctx.cloud, "demo-reader", "demo", "demo");
    other = await tokenFor(ctx.cloud, "other", "other", "other");
    const applied = await adminCall<{ projects: Array<{ servers: Array<{ id: string }> }> }>(ctx.cloud, "POST", "/fixtures", {
      projects: [{ name: "other", servers: [{ name: "other-web", status: "ACTIVE" }] }],
    });
    otherServerId = applied.projects[0]!.servers[0]!.id;
  });

  const get = (path: string, token = ctx.demo.token) => request("GET", `${ctx.cloud.url}/compute/v2.1${path}`, { token });

  it("lists the 104 default demo servers with id, name and links", async () => {
    const r = await get("/servers");
    assert.equal(r.status, 200, r.text);
    const list = r.body as ServerList<ServerRef>;
    assert.equal(list.servers.length, 104);
    const names = new Set(list.servers.map((s) => s.name));
    for (const n of ["web-000", "web-099", "db-0", "db-1", "broken-0", "shared-0"]) assert.ok(names.has(n), n);
    assert.match(list.servers[0]!.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(list.servers[0]!.links[0]!.href, `${ctx.cloud.url}/compute/v2.1/servers/${list.servers[0]!.id}`);
    assert.equal(list.servers_links, undefined);
  });

  it("filters by status and by name (a regular expression, as Nova does)", async () => {
    const shutoff = (await get("/servers/detail?status=SHUTOFF")).body as ServerList<Server>;
    assert.deepEqual(shutoff.servers.map((s) => s.name).sort(), ["db-0", "db-1"]);
    const lower = (await get("/servers?status=error")).body as ServerList<Server>;
    assert.deepEqual(lower.servers.map((s) => s.name), ["broken-0"]);
    const byName = (await get("/servers?name=%5Eweb-00%5B0-2%5D%24")).body as ServerList<Server>;
    assert.deepEqual(byName.servers.map((s) => s.name).sort(), ["web-000", "web-001", "web-002"]);
  });

  it("rejects an unknown status filter with 400", async () => {
    const r = await get("/servers?status=RUNNING");
    assert.equal(r.status, 400);
    assert.match((r.body as { badRequest: { message: string } }).badRequest.message, /Invalid status value/);
  });

  it("pages with limit and marker, with a next link until the last page", async () => {
    const seen: string[] = [];
    let path = "/servers?limit=40";
    for (let i = 0; i < 5 && path; i++) {
      const r = (await get(path)).body as ServerList<ServerRef>;
      seen.push(...r.servers.map((s) => s.id));
      const next = r.servers_links?.find((l) => l.rel === "next")?.href;
      path = next ? next.slice(`${ctx.cloud.url}/compute/v2.1`.length) : "";
    }
    assert.equal(seen.length, 104);
    assert.equal(new Set(seen).size, 104, "no server twice");
  });

  it("rejects a bad limit or an unknown marker with 400", async () => {
    assert.equal((await get("/servers?limit=abc")).status, 400);
    const r = await get("/servers?marker=00000000-0000-0000-0000-000000000000");
    assert.equal(r.status, 400);
    assert.match(JSON.stringify(r.body), /marker \[00000000-0000-0000-0000-000000000000\] not found/);
  });

  it("shows a server with status, tenant, zone, created time and attached volumes", async () => {
    const list = (await get("/servers/detail?name=%5Eshared-0%24")).body as ServerList<Server>;
    const id = list.servers[0]!.id;
    const r = await get(`/servers/${id}`);
    assert.equal(r.status, 200);
    const s = (r.body as { server: Server }).server;
    assert.equal(s.name, "shared-0");
    assert.equal(s.status, "ACTIVE");
    assert.equal(s.tenant_id, ctx.demo.projectId);
    assert.equal(s["OS-EXT-AZ:availability_zone"], "eu-de-01");
    assert.match(s.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(s["os-extended-volumes:volumes_attached"].length, 2);
  });

  it("reports RESIZE and VERIFY_RESIZE servers added by fixtures", async () => {
    await adminCall(ctx.cloud, "POST", "/fixtures", {
      projects: [{ name: "demo", servers: [{ name: "rs-0", status: "RESIZE" }, { name: "rs-1", status: "VERIFY_RESIZE" }] }],
    });
    const r = (await get("/servers/detail?name=%5Ers-")).body as ServerList<Server>;
    assert.deepEqual(r.servers.map((s) => [s.name, s.status]).sort(), [["rs-0", "RESIZE"], ["rs-1", "VERIFY_RESIZE"]]);
  });

  it("lists a server's volume attachments", async () => {
    const list = (await get("/servers/detail?name=%5Eshared-0%24")).body as ServerList<Server>;
    const s = list.servers[0]!;
    const r = await get(`/servers/${s.id}/os-volume_attachments`);
    assert.equal(r.status, 200);
    const atts = (r.body as { volumeAttachments: Array<{ volumeId: string; serverId: string; device: string }> }).volumeAttachments;
    assert.deepEqual(atts.map((a) => a.volumeId), s["os-extended-volumes:volumes_attached"].map((v) => v.id));
    assert.deepEqual(atts.map((a) => a.device), ["/dev/vda", "/dev/vdb"]);
    assert.ok(atts.every((a) => a.serverId === s.id));
  });

  it("lets a reader list and show servers", async () => {
    assert.equal((await get("/servers?limit=1", reader.token)).status, 200);
  });

  it("answers 404 itemNotFound for an unknown server", async () => {
    const r = await get("/servers/3f9c1b0e-0000-4000-8000-000000000000");
    assert.equal(r.status, 404);
    assert.deepEqual(r.body, { itemNotFound: { code: 404, message: "Instance 3f9c1b0e-0000-4000-8000-000000000000 could not be found." } });
  });

  it("hides another project's server: 404 on show and attachments, absent from lists", async () => {
    assert.equal((await get(`/servers/${otherServerId}`, other.token)).status, 200, "the owner sees it");
    const show = await get(`/servers/${otherServerId}`);
    assert.equal(show.status, 404);
    assert.deepEqual(show.body, { itemNotFound: { code: 404, message: `Instance ${otherServerId} could not be found.` } });
    assert.equal((await get(`/servers/${otherServerId}/os-volume_attachments`)).status, 404);
    const list = (await get("/servers")).body as ServerList<ServerRef>;
    assert.ok(!list.servers.some((s) => s.id === otherServerId));
    const otherList = (await get("/servers", other.token)).body as ServerList<ServerRef>;
    assert.deepEqual(otherList.servers.map((s) => s.name), ["other-web"]);
  });

  it("serves version documents without a token", async () => {
    const v = await request("GET", `${ctx.cloud.url}/compute/v2.1`);
    assert.equal(v.status, 200);
    assert.equal((v.body as { version: { id: string } }).version.id, "v2.1");
    assert.equal((await request("GET", `${ctx.cloud.url}/compute`)).status, 200);
  });
});
