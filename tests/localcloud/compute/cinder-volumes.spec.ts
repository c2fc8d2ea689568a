import assert from "node:assert/strict";
import { cloudPerSuite } from "../cloud-per-suite";
import { request, tokenFor } from "../http";

interface Volume {
  id: string;
  name: string;
  size: number;
  bootable: string;
  multiattach: boolean;
  status: string;
  attachments: Array<{ server_id: string; volume_id: string; device: string }>;
  "os-vol-tenant-attr:tenant_id": string;
  created_at: string;
}

describe("localcloud Cinder subset (/volume/v3/{project_id})", function () {
  this.timeout(20000);
  const ctx = cloudPerSuite();
  let other: { token: string; projectId: string };

  before(async () => {
    other = await tokenFor(ctx.cloud, "other", "other", "other");
  });

  const vol = (path: string, token = ctx.demo.token, project = ctx.demo.projectId) => request("GET", `${ctx.cloud.url}/volume/v3/${project}${path}`, { token });

  const sharedServer = async () => {
    const r = await request("GET", `${ctx.cloud.url}/compute/v2.1/servers/detail?name=%5Eshared-0%24`, { token: ctx.demo.token });
    return (r.body as { servers: Array<{ id: string; "os-extended-volumes:volumes_attached": Array<{ id: string }> }> }).servers[0]!;
  };

  it("shows a 40 GB bootable system disk with bootable as the string \"true\", in-use and attached", async () => {
    const server = await sharedServer();
    const systemId = server["os-extended-volumes:volumes_attached"][0]!.id;
    const r = await vol(`/volumes/${systemId}`);
    assert.equal(r.status, 200, r.text);
    const v = (r.body as { volume: Volume }).volume;
    assert.equal(v.size, 40);
    assert.equal(v.bootable, "true");
    assert.equal(v.multiattach, false);
    assert.equal(v.status, "in-use");
    assert.equal(v["os-vol-tenant-attr:tenant_id"], ctx.demo.projectId);
    assert.deepEqual(v.attachments.map((a) => [a.server_id, a.device]), [[server.id, "/dev/vda"]]);
  });

  it("shows shared-0's data disk as multiattach and not bootable (\"false\")", async () => {
    const server = await sharedServer();
    const dataId = server["os-extended-volumes:volumes_attached"][1]!.id;
    const v = ((await vol(`/volumes/${dataId}`)).body as { volume: Volume }).volume;
    assert.equal(v.multiattach, true);
    assert.equal(v.bootable, "false");
  });

  it("lists volumes in detail (one system disk per server plus shared-0's data disk)", async () => {
    const r = await vol("/volumes/detail");
    assert.equal(r.status, 200);
    const volumes = (r.body as { volumes: Volume[] }).volumes;
    assert.equal(volumes.length, 105);
    assert.equal(volumes.filter((v) => v.multiattach).length, 1);
    const brief = (await vol("/volumes?limit=2")).body as { volumes: Array<{ id: string; name: string }>; volumes_links?: unknown[] };
    assert.equal(brief.volumes.length, 2);
    assert.ok(brief.volumes_links, "a next link when more volumes exist");
  });

  it("lists volumes newest first, as Cinder's default sort does (created_at desc, then id desc), a disk created with its server", async () => {
    const volumes = ((await vol("/volumes/detail")).body as { volumes: Volume[] }).volumes;
    const key = (v: Volume) => [v.created_at, v.id] as const;
    for (let i = 1; i < volumes.length; i++) {
      const [a, b] = [key(volumes[i - 1]!), key(volumes[i]!)];
      assert.ok(a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]), `${a.join(" ")} lists before ${b.join(" ")}`);
    }
    const servers = (await request("GET", `${ctx.cloud.url}/compute/v2.1/servers/detail`, { token: ctx.demo.token })).body as { servers: Array<{ id: string }> };
    const newest = servers.servers[0]!.id;
    assert.equal(volumes[0]!.attachments[0]?.server_id, newest, "the first volume is a disk of the newest server, which Nova lists first");
  });

  it("pages as Cinder: a next link on every full page with marker last, limit 0 an empty page, offset after the marker", async () => {
    const all = ((await vol("/volumes?status=in-use")).body as { volumes: Array<{ id: string }> }).volumes.map((v) => v.id);
    const first = (await vol("/volumes/detail?status=in-use&limit=2")).body as { volumes: Array<{ id: string }>; volumes_links: Array<{ rel: string; href: string }> };
    assert.deepEqual(first.volumes.map((v) => v.id), all.slice(0, 2));
    assert.equal(first.volumes_links[0]!.href, `${ctx.cloud.url}/volume/v3/${ctx.demo.projectId}/volumes?status=in-use&limit=2&marker=${all[1]}`);
    const afterMarker = (await vol(`/volumes?status=in-use&marker=${all[1]}&offset=1&limit=1`)).body as { volumes: Array<{ id: string }> };
    assert.deepEqual(afterMarker.volumes.map((v) => v.id), [all[3]]);
    const lastPage = (await vol(`/volumes?status=in-use&marker=${all[all.length - 3]}`)).body as { volumes: unknown[]; volumes_links?: unknown };
    assert.deepEqual([lastPage.volumes.length, lastPage.volumes_links], [2, undefined], "a page short of the limit has no next link");
    assert.deepEqual((await vol("/volumes?limit=0")).body, { volumes: [] });
  });

  it("refuses bad paging parameters with Cinder's words", async () => {
    const fault = async (query: string, status: number, name: string, message: string) =>
      assert.deepEqual(((await vol(`/volumes${query}`)) as { body: unknown }).body, { [name]: { code: status, message } }, query);
    await fault("?limit=two", 400, "badRequest", "limit param must be an integer");
    await fault("?limit=-1", 400, "badRequest", "limit param must be positive");
    await fault("?offset=x", 400, "badRequest", "offset must be an integer");
    await fault("?offset=-2", 400, "badRequest", "offset must be >= 0");
    await fault("?offset=2147483648", 400, "badRequest", "offset must be <= 2147483647");
    await fault("?marker=00000000-0000-4000-8000-000000000000", 404, "itemNotFound", "Volume 00000000-0000-4000-8000-000000000000 could not be found.");
  });

  it("answers 404 itemNotFound for an unknown volume and for another project's volume", async () => {
    const unknown = await vol("/volumes/00000000-0000-4000-8000-000000000000");
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, { itemNotFound: { code: 404, message: "Volume 00000000-0000-4000-8000-000000000000 could not be found." } });
    const server = await sharedServer();
    const demoVolume = server["os-extended-volumes:volumes_attached"][0]!.id;
    const cross = await vol(`/volumes/${demoVolume}`, other.token, other.projectId);
    assert.equal(cross.status, 404);
  });

  it("answers 400 Malformed request url when the URL names a project other than the token's", async () => {
    const r = await vol("/volumes/detail", other.token, ctx.demo.projectId);
    assert.equal(r.status, 400);
    assert.deepEqual(r.body, { badRequest: { code: 400, message: "Malformed request url" } });
  });
});
