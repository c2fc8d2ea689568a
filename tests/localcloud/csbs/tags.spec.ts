import assert from "node:assert/strict";
import { createPolicy, csbsCloudPerTest, type Json, session } from "./support/csbs-session";

describe("localcloud CSBS policy tags", function () {
  this.timeout(30_000);
  const ctx = csbsCloudPerTest("in-memory");
  let id: string;

  beforeEach(async () => {
    id = (await createPolicy(ctx.demo, { tags: [{ key: "env", value: "prod" }] })).id;
  });

  const tags = async (): Promise<Json[]> => (await ctx.demo.call("GET", `/csbs_backup_policy/${id}/tags`)).body.tags;

  it("adds a tag with 204 and replaces the value of an existing key", async () => {
    assert.equal((await ctx.demo.call("POST", `/csbs_backup_policy/${id}/tags`, { tag: { key: "team", value: "ops" } })).status, 204);
    assert.equal((await ctx.demo.call("POST", `/csbs_backup_policy/${id}/tags`, { tag: { key: "env", value: "dev" } })).status, 204);
    assert.deepEqual(await tags(), [{ key: "env", value: "dev" }, { key: "team", value: "ops" }]);
  });

  it("deletes a tag by key with 204, and answers 404 CSBS.7001 for a missing key", async () => {
    assert.equal((await ctx.demo.call("DELETE", `/csbs_backup_policy/${id}/tags/env`)).status, 204);
    assert.deepEqual(await tags(), []);
    const r = await ctx.demo.call("DELETE", `/csbs_backup_policy/${id}/tags/env`);
    assert.equal(r.status, 404);
    assert.equal(r.body.error_code, "CSBS.7001");
  });

  it("creates and deletes in batches through tags/action", async () => {
    const create = await ctx.demo.call("POST", `/csbs_backup_policy/${id}/tags/action`, { action: "create", tags: [{ key: "a", value: "1" }, { key: "b", value: "2" }] });
    assert.equal(create.status, 204);
    const del = await ctx.demo.call("POST", `/csbs_backup_policy/${id}/tags/action`, { action: "delete", tags: [{ key: "a" }, { key: "nope" }] });
    assert.equal(del.status, 204);
    assert.deepEqual((await tags()).map((t) => t.key), ["env", "b"]);
    const bad = await ctx.demo.call("POST", `/csbs_backup_policy/${id}/tags/action`, { action: "rename", tags: [{ key: "a" }] });
    assert.equal(bad.body.error_code, "CSBS.9001");
  });

  it("refuses an 11th tag with CSBS.7000", async () => {
    const nine = Array.from({ length: 9 }, (_, i) => ({ key: `k${i}`, value: "v" }));
    assert.equal((await ctx.demo.call("POST", `/csbs_backup_policy/${id}/tags/action`, { action: "create", tags: nine })).status, 204);
    const r = await ctx.demo.call("POST", `/csbs_backup_policy/${id}/tags`, { tag: { key: "eleventh", value: "v" } });
    assert.equal(r.status, 400);
    assert.equal(r.body.error_code, "CSBS.7000");
  });

  it("lists the project's tag keys with their values and filters policies by tag", async () => {
    await createPolicy(ctx.demo, { name: "second", tags: [{ key: "env", value: "dev" }] });
    const all = await ctx.demo.call("GET", "/csbs_backup_policy/tags");
    assert.deepEqual(all.body.tags, [{ key: "env", values: ["dev", "prod"] }]);
    const filtered = await ctx.demo.call("POST", "/csbs_backup_policy/resource_instances/action",
      { action: "filter", tags: [{ key: "env", values: ["prod"] }] });
    assert.deepEqual(filtered.body.resources.map((r: Json) => r.resource_id), [id]);
    const count = await ctx.demo.call("POST", "/csbs_backup_policy/resource_instances/action", { action: "count", tags: [{ key: "env", values: [] }] });
    assert.equal(count.body.total_count, 2);
  });

  it("answers 404 CSBS.3000 for tags of a missing policy and 403 to a reader's tag write", async () => {
    const missing = await ctx.demo.call("GET", "/csbs_backup_policy/0e0e0000-0000-4000-8000-000000000000/tags");
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error_code, "CSBS.3000");
    const reader = await session(ctx.cloud, "demo-reader");
    assert.equal((await reader.call("POST", `/csbs_backup_policy/${id}/tags`, { tag: { key: "x", value: "y" } })).status, 403);
  });
});
