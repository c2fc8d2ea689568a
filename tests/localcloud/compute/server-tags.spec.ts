import assert from "node:assert/strict";
import { cloudPerSuite } from "../cloud-per-suite";
import { adminCall, request, tokenFor } from "../http";

interface Detail {
  id: string;
  name: string;
  tags: string[];
  metadata: Record<string, string>;
}

describe("localcloud Nova server tags and metadata (microversion 2.26)", function () {
  this.timeout(20000);
  const ctx = cloudPerSuite();
  let reader: string;
  let ids: Record<string, string>;

  before(async () => {
    reader = (await tokenFor(ctx.cloud, "demo-reader", "demo", "demo")).token;
    await adminCall(ctx.cloud, "POST", "/fixtures", {
      projects: [{ name: "demo", servers: [
        { name: "tg-a", tags: ["red", "blue"], metadata: { tier: "a" } },
        { name: "tg-b", tags: ["red"] },
        { name: "tg-c", tags: ["green"] },
        { name: "tg-d" },
      ] }],
    });
    const list = await call("GET", "/servers/detail?name=%5Etg-");
    ids = Object.fromEntries((list.body as { servers: Detail[] }).servers.map((s) => [s.name, s.id]));
  });

  const call = (method: string, path: string, body?: unknown, token = ctx.demo.token) =>
    request(method, `${ctx.cloud.url}/compute/v2.1${path}`, { token, body, headers: { "openstack-api-version": "compute 2.26" } });
  const names = async (query: string) =>
    ((await call("GET", `/servers/detail?name=%5Etg-&${query}`)).body as { servers: Detail[] }).servers.map((s) => s.name).sort();

  it("shows fixture tags and metadata in server detail and in the tags and metadata routes", async () => {
    const detail = ((await call("GET", `/servers/${ids["tg-a"]}`)).body as { server: Detail }).server;
    assert.deepEqual([detail.tags, detail.metadata], [["red", "blue"], { tier: "a" }]);
    assert.deepEqual((await call("GET", `/servers/${ids["tg-a"]}/tags`)).body, { tags: ["red", "blue"] });
    assert.deepEqual((await call("GET", `/servers/${ids["tg-a"]}/metadata`)).body, { metadata: { tier: "a" } });
    assert.deepEqual((await call("GET", `/servers/${ids["tg-a"]}/metadata/tier`)).body, { meta: { tier: "a" } });
    assert.equal((await call("GET", `/servers/${ids["tg-a"]}/metadata/nope`)).status, 404);
  });

  it("filters lists with tags (all), tags-any, not-tags (not all) and not-tags-any (none)", async () => {
    assert.deepEqual(await names("tags=red,blue"), ["tg-a"]);
    assert.deepEqual(await names("tags-any=blue,green"), ["tg-a", "tg-c"]);
    assert.deepEqual(await names("not-tags=red,blue"), ["tg-b", "tg-c", "tg-d"]);
    assert.deepEqual(await names("not-tags-any=red"), ["tg-c", "tg-d"]);
    assert.deepEqual(await names("tags=red&not-tags-any=blue"), ["tg-b"]);
  });

  it("adds one tag (201 with Location, 204 when present), checks it (204/404) and removes it", async () => {
    const tagUrl = `/servers/${ids["tg-d"]}/tags/yellow`;
    const add = await call("PUT", tagUrl);
    assert.equal(add.status, 201);
    assert.equal(add.headers.location, `${ctx.cloud.url}/compute/v2.1${tagUrl}`);
    assert.equal((await call("PUT", tagUrl)).status, 204);
    assert.equal((await call("GET", tagUrl)).status, 204);
    assert.deepEqual(await names("tags=yellow"), ["tg-d"]);
    assert.equal((await call("DELETE", tagUrl)).status, 204);
    assert.equal((await call("GET", tagUrl)).status, 404);
    assert.equal((await call("DELETE", tagUrl)).status, 404);
  });

  it("replaces every tag with PUT (duplicates dropped) and clears them with DELETE", async () => {
    const url = `/servers/${ids["tg-c"]}/tags`;
    const put = await call("PUT", url, { tags: ["x", "y", "x"] });
    assert.deepEqual([put.status, put.body], [200, { tags: ["x", "y"] }]);
    assert.deepEqual(((await call("GET", `/servers/${ids["tg-c"]}`)).body as { server: Detail }).server.tags, ["x", "y"]);
    assert.equal((await call("DELETE", url)).status, 204);
    assert.deepEqual((await call("GET", url)).body, { tags: [] });
  });

  it("refuses a tag with a comma or over 60 characters, and more than 50 tags, with 400", async () => {
    assert.equal((await call("PUT", `/servers/${ids["tg-b"]}/tags/a,b`)).status, 400);
    assert.equal((await call("PUT", `/servers/${ids["tg-b"]}/tags/${"t".repeat(61)}`)).status, 400);
    const many = await call("PUT", `/servers/${ids["tg-b"]}/tags`, { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) });
    assert.equal(many.status, 400);
    assert.match(JSON.stringify(many.body), /per-server limit 50/);
    assert.deepEqual((await call("GET", `/servers/${ids["tg-b"]}/tags`)).body, { tags: ["red"] });
  });

  it("lets a reader read tags but not change them, and hides another project's server", async () => {
    assert.equal((await call("GET", `/servers/${ids["tg-a"]}/tags`, undefined, reader)).status, 200);
    assert.equal((await call("PUT", `/servers/${ids["tg-a"]}/tags/z`, undefined, reader)).status, 403);
    const other = await tokenFor(ctx.cloud, "other", "other", "other");
    assert.equal((await call("GET", `/servers/${ids["tg-a"]}/tags`, undefined, other.token)).status, 404);
    assert.equal((await call("PUT", `/servers/${ids["tg-a"]}/tags/z`, undefined, other.token)).status, 404);
  });

  it("answers every tag route below 2.26 with Nova's bare 404, and drops the tag filters there", async () => {
    const at = (version: string | undefined, method: string, path: string, body?: unknown) =>
      request(method, `${ctx.cloud.url}/compute/v2.1${path}`, { token: ctx.demo.token, body, headers: version ? { "openstack-api-version": `compute ${version}` } : {} });
    const id = ids["tg-a"];
    for (const [method, path, body] of [["GET", `/servers/${id}/tags`], ["PUT", `/servers/${id}/tags`, { tags: ["x"] }], ["DELETE", `/servers/${id}/tags`],
      ["GET", `/servers/${id}/tags/red`], ["PUT", `/servers/${id}/tags/new`], ["DELETE", `/servers/${id}/tags/red`]] as const) {
      for (const version of [undefined, "2.25"]) {
        const r = await at(version, method, path, body);
        assert.equal(r.status, 404, `${method} ${path} at ${version ?? "no header"}`);
        assert.deepEqual(r.body, { itemNotFound: { code: 404, message: "The resource could not be found." } });
        assert.equal(r.headers["openstack-api-version"], `compute ${version ?? "2.1"}`);
      }
    }
    assert.deepEqual((await call("GET", `/servers/${id}/tags`)).body, { tags: ["red", "blue"] }, "nothing changed");
    const all = (r: { body: unknown }) => (r.body as { servers: Detail[] }).servers.map((s) => s.name).sort();
    assert.deepEqual(all(await at("2.25", "GET", "/servers/detail?name=%5Etg-&tags=blue")), ["tg-a", "tg-b", "tg-c", "tg-d"]);
    assert.deepEqual(all(await at("2.26", "GET", "/servers/detail?name=%5Etg-&tags=blue")), ["tg-a"]);
  });

  it("tags default-fixture servers so that selection by tag can be shown", async () => {
    const prod = ((await call("GET", "/servers/detail?tags=prod")).body as { servers: Detail[] }).servers;
    assert.deepEqual(prod.map((s) => s.name).sort(), ["db-0", "db-1", "web-000", "web-001", "web-002"]);
    assert.deepEqual(prod.find((s) => s.name === "web-000")!.metadata, { tier: "frontend" });
    assert.equal(((await call("GET", "/servers?tags=web")).body as { servers: Detail[] }).servers.length, 10);
  });

  it("keeps tags changed through the API when fixtures are applied again without tags", async () => {
    await call("PUT", `/servers/${ids["tg-b"]}/tags/kept`);
    await adminCall(ctx.cloud, "POST", "/fixtures", { projects: [{ name: "demo", servers: [{ name: "tg-b" }] }] });
    assert.deepEqual((await call("GET", `/servers/${ids["tg-b"]}/tags`)).body, { tags: ["red", "kept"] });
  });
});
