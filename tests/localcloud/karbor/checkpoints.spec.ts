import assert from "node:assert/strict";
import { admin } from "../../support/cloud";
import { caller, createPlan, fault, karborCloudPerTest, OS_INFRA, serverId, state } from "./support/karbor-session";

const CPS = `/providers/${OS_INFRA}/checkpoints`;

describe("localcloud Karbor checkpoints", function () {
  this.timeout(30_000);
  const ctx = karborCloudPerTest();

  it("creates a checkpoint from a plan (body key extra-info) as protecting, then shows it available", async () => {
    const plan = await createPlan(ctx.demo, ["web-000", "web-001"]);
    const r = await ctx.demo.call("POST", CPS, { checkpoint: { plan_id: plan.id, "extra-info": null } });
    assert.equal(r.status, 200);
    const c = r.body.checkpoint;
    assert.equal(c.status, "protecting");
    assert.equal(c.created_at, null);
    assert.equal(c.resource_graph, null);
    assert.equal(c.extra_info, '{"created_by":"manual"}');
    assert.deepEqual(c.protection_plan.resources.map((x: { id: string }) => x.id), [serverId(ctx.cloud, "web-000"), serverId(ctx.cloud, "web-001")]);
    const shown = (await ctx.demo.call("GET", `${CPS}/${c.id}`)).body.checkpoint;
    assert.equal(shown.status, "available");
    assert.equal(shown.created_at, "2030-01-07");
    assert.equal(shown.protection_plan.provider_id, OS_INFRA);
    assert.equal(typeof shown.resource_graph, "string");
    const items = (await state(ctx.cloud))["csbs.items"].filter((i) => i.checkpointId === c.id);
    assert.equal(items.length, 2);
  });

  it("refuses the underscore extra_info key, a missing plan, a provider other than the plan's, and an unknown provider", async () => {
    const plan = await createPlan(ctx.demo);
    fault(await ctx.demo.call("POST", CPS, { checkpoint: { plan_id: plan.id, extra_info: {} } }), 400, "badRequest", /'extra_info' was unexpected/);
    fault(await ctx.demo.call("POST", CPS, { checkpoint: { plan_id: "3f1c8f6e-0000-4000-8000-000000000000" } }), 404, "itemNotFound");
    fault(await ctx.demo.call("POST", "/providers/b766f37c-d011-4026-8228-28730d734a3f/checkpoints", { checkpoint: { plan_id: plan.id } }), 404, "itemNotFound");
    fault(await ctx.demo.call("POST", CPS, { checkpoint: {} }), 400, "badRequest", "'plan_id' is a required property");
  });

  it("lists checkpoints with plan and date filters", async () => {
    const a = await createPlan(ctx.demo, ["web-000"], "a");
    const b = await createPlan(ctx.demo, ["web-001"], "b");
    await ctx.demo.call("POST", CPS, { checkpoint: { plan_id: a.id } });
    await ctx.demo.call("POST", CPS, { checkpoint: { plan_id: b.id } });
    assert.equal((await ctx.demo.call("GET", CPS)).body.checkpoints.length, 2);
    assert.equal((await ctx.demo.call("GET", `${CPS}?plan_id=${a.id}`)).body.checkpoints.length, 1);
    assert.equal((await ctx.demo.call("GET", `${CPS}?start_date=2030-01-08`)).body.checkpoints.length, 0);
    assert.equal((await ctx.demo.call("GET", `${CPS}?end_date=2030-01-07`)).body.checkpoints.length, 2);
  });

  it("pages checkpoints newest first by default, lists another project's for an admin, and refuses bad paging", async () => {
    const plan = await createPlan(ctx.demo, ["web-000"]);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await ctx.demo.call("POST", CPS, { checkpoint: { plan_id: plan.id } })).body.checkpoint.id);
      await admin(ctx.cloud, "POST", "/clock", { advanceSeconds: 60 });
    }
    const first = await ctx.demo.call("GET", `${CPS}?limit=2`);
    assert.deepEqual(first.body.checkpoints.map((c: { id: string }) => c.id), [ids[2], ids[1]]);
    // The view builder's next link names /checkpoints without the provider, as Karbor's does.
    assert.equal(first.body.checkpoints_links[0].href, `${ctx.cloud.url}/karbor/v1/${ctx.demo.projectId}/checkpoints?limit=2&marker=${ids[1]}`);
    assert.deepEqual((await ctx.demo.call("GET", `${CPS}?marker=${ids[1]}`)).body.checkpoints.map((c: { id: string }) => c.id), [ids[0]]);
    assert.deepEqual((await ctx.demo.call("GET", `${CPS}?sort=created_at:asc&limit=1`)).body.checkpoints.map((c: { id: string }) => c.id), [ids[0]]);
    fault(await ctx.demo.call("GET", `${CPS}?limit=0`), 400, "badRequest", "limit param must be positive");
    fault(await ctx.demo.call("GET", `${CPS}?marker=3f1c8f6e-0000-4000-8000-000000000000`), 500, "computeFault");
    const root = await caller(ctx.cloud, "admin", "admin", "demo");
    const otherId = (await caller(ctx.cloud, "other")).projectId;
    assert.equal((await root.call("GET", `${CPS}?all_tenants=1&project_id=${otherId}`)).body.checkpoints.length, 0);
    assert.equal((await root.call("GET", `${CPS}?all_tenants=1&project_id=${ctx.demo.projectId}`)).body.checkpoints.length, 3);
    assert.equal((await ctx.demo.call("GET", `${CPS}?all_tenants=1&project_id=${otherId}`)).body.checkpoints.length, 3, "a member sees their own");
  });

  it("refuses another project's checkpoint with 403 AccessCheckpointNotAllowed, also as a restore source", async () => {
    const plan = await createPlan(ctx.demo, ["web-000"]);
    const c = (await ctx.demo.call("POST", CPS, { checkpoint: { plan_id: plan.id } })).body.checkpoint;
    const other = await caller(ctx.cloud, "other");
    const message = `Access checkpoint ${c.id} is not allowed`;
    fault(await other.call("GET", `${CPS}/${c.id}`), 403, "forbidden", message);
    fault(await other.call("DELETE", `${CPS}/${c.id}`), 403, "forbidden", message);
    fault(await other.call("PUT", `${CPS}/${c.id}`, { "os-resetState": { state: "error" } }), 403, "forbidden", message);
    fault(await other.call("POST", "/restores", { restore: { provider_id: OS_INFRA, checkpoint_id: c.id, parameters: {} } }), 403, "forbidden", message);
    const missing = await other.call("POST", "/restores", { restore: { provider_id: OS_INFRA, checkpoint_id: "3f1c8f6e-0000-4000-8000-000000000000", parameters: {} } });
    assert.deepEqual([missing.status, missing.body.restore.status], [200, "fail"], "a missing checkpoint fails the restore Karbor already recorded");
    fault(await other.call("GET", `${CPS}/3f1c8f6e-0000-4000-8000-000000000000`), 404, "itemNotFound", "Checkpoint 3f1c8f6e-0000-4000-8000-000000000000 could not be found.");
  });

  it("deletes only an available or error checkpoint (else 500 computeFault), answering {}", async () => {
    await admin(ctx.cloud, "POST", "/csbs/settings", { protectSeconds: 3600 });
    const plan = await createPlan(ctx.demo);
    const c = (await ctx.demo.call("POST", CPS, { checkpoint: { plan_id: plan.id } })).body.checkpoint;
    fault(await ctx.demo.call("DELETE", `${CPS}/${c.id}`), 500, "computeFault", `The checkpoint ${c.id} can not be deleted.`);
    fault(await ctx.demo.call("PUT", `${CPS}/${c.id}`, { "os-resetState": { state: "available" } }), 400, "badRequest", `The checkpoint ${c.id} can not be reset.`);
    await admin(ctx.cloud, "POST", "/clock", { advanceSeconds: 3600 });
    const r = await ctx.demo.call("DELETE", `${CPS}/${c.id}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, {});
    assert.equal((await ctx.demo.call("GET", `${CPS}/${c.id}`)).body.checkpoint.status, "deleting");
  });

  it("resets the state of a checkpoint to error or available with {}", async () => {
    const plan = await createPlan(ctx.demo);
    const c = (await ctx.demo.call("POST", CPS, { checkpoint: { plan_id: plan.id } })).body.checkpoint;
    await ctx.demo.call("GET", `${CPS}/${c.id}`);
    const r = await ctx.demo.call("PUT", `${CPS}/${c.id}`, { "os-resetState": { state: "error" } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, {});
    assert.equal((await ctx.demo.call("GET", `${CPS}/${c.id}`)).body.checkpoint.status, "error");
    fault(await ctx.demo.call("PUT", `${CPS}/${c.id}`, { "os-resetState": { state: "deleted" } }), 400, "badRequest");
  });

  it("keeps a checkpoint of a plan without servers available, and deletes it at once", async () => {
    const plan = await ctx.demo.call("POST", "/plans", { plan: { name: "vol", provider_id: OS_INFRA, parameters: {}, resources: [{ id: "v", type: "OS::Cinder::Volume", name: "v" }] } });
    const c = (await ctx.demo.call("POST", CPS, { checkpoint: { plan_id: plan.body.plan.id } })).body.checkpoint;
    assert.equal((await ctx.demo.call("GET", `${CPS}/${c.id}`)).body.checkpoint.status, "available");
    assert.equal((await ctx.demo.call("DELETE", `${CPS}/${c.id}`)).status, 200);
    fault(await ctx.demo.call("GET", `${CPS}/${c.id}`), 404, "itemNotFound");
  });
});
