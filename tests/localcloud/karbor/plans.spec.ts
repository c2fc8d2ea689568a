import assert from "node:assert/strict";
import { caller, createPlan, fault, karborCloudPerTest, OS_INFRA, serverId, serverResources, state } from "./support/karbor-session";

describe("localcloud Karbor plans", function () {
  this.timeout(30_000);
  const ctx = karborCloudPerTest();

  it("creates a suspended plan with 200, echoing resources and parameters, with no created_at or project_id", async () => {
    const r = await ctx.demo.call("POST", "/plans", { plan: {
      name: "plan-a", description: null, provider_id: OS_INFRA, parameters: { "OS::Cinder::Volume": { backup_mode: "full" } },
      resources: [...serverResources(ctx.cloud, ["web-000"]), { id: serverId(ctx.cloud, "web-001"), type: "OS::Nova::Server", name: "w1", extra_info: { a: 1 } }],
    } });
    assert.equal(r.status, 200);
    assert.match(r.headers.get("x-openstack-request-id") ?? "", /^req-/);
    const p = r.body.plan;
    assert.deepEqual(Object.keys(p).sort(), ["description", "id", "name", "parameters", "provider_id", "resources", "status"]);
    assert.equal(p.status, "suspended");
    assert.equal(p.description, null);
    assert.deepEqual(p.parameters, { "OS::Cinder::Volume": { backup_mode: "full" } });
    assert.deepEqual(p.resources[0], { id: serverId(ctx.cloud, "web-000"), name: "web-000", type: "OS::Nova::Server" });
    assert.deepEqual(p.resources[1].extra_info, { a: 1 });
  });

  it("stores the plan as a policy whose servers are its Nova resources and whose schedule is off", async () => {
    const p = await ctx.demo.call("POST", "/plans", { plan: { name: "mixed", provider_id: OS_INFRA, parameters: {},
      resources: [...serverResources(ctx.cloud, ["web-000"]), { id: "vol-1", type: "OS::Cinder::Volume", name: "v" }] } });
    const s = await state(ctx.cloud);
    const policy = s["csbs.policies"].find((x) => x.id === p.body.plan.id);
    assert.deepEqual(policy.servers, [{ id: serverId(ctx.cloud, "web-000"), name: "web-000" }]);
    assert.equal(policy.schedule.enabled, false);
    assert.equal(s["karbor.plans"].find((x) => x.id === p.body.plan.id).resources.length, 2);
  });

  it("rejects a plan without resources, with bad resources, a bad provider or bad parameters", async () => {
    const body = (plan: Record<string, unknown>) => ({ plan: { name: "p", provider_id: OS_INFRA, parameters: {}, resources: serverResources(ctx.cloud, ["web-000"]), ...plan } });
    fault(await ctx.demo.call("POST", "/plans", body({ resources: [] })), 400, "badRequest",
      "Invalid input received: list resources must be provided when creating a plan.");
    fault(await ctx.demo.call("POST", "/plans", body({ resources: undefined })), 400, "badRequest", /list resources must be provided/);
    fault(await ctx.demo.call("POST", "/plans", body({ resources: [{ id: "x", type: "OS::Nova::Server" }] })), 400, "badRequest", /The keys of resource are id,type and name/);
    fault(await ctx.demo.call("POST", "/plans", body({ provider_id: "b766f37c-d011-4026-8228-28730d734a3f" })), 400, "badRequest", "The provider could not be found.");
    fault(await ctx.demo.call("POST", "/plans", body({ provider_id: "nope" })), 400, "badRequest", /provider_id/);
    fault(await ctx.demo.call("POST", "/plans", body({ parameters: undefined })), 400, "badRequest", "'parameters' is a required property");
    fault(await ctx.demo.call("POST", "/plans", body({ parameters: { "OS::Nova::Thing": {} } })), 400, "badRequest", "Invalid input received: The key of plan parameters is invalid.");
    fault(await ctx.demo.call("POST", "/plans", body({ parameters: { "OS::Nova::Server#abc": {} } })), 400, "badRequest", "Invalid input received: The resource_id must be a uuid.");
    fault(await ctx.demo.call("POST", "/plans", body({ parameters: { "OS::Cinder::Volume": { colour: "red" } } })), 400, "badRequest",
      "Invalid input received: The protect property of plan parameters is invalid.");
    fault(await ctx.demo.call("POST", "/plans", body({ name: "  " })), 400, "badRequest", "The 'name' can not be empty.");
    fault(await ctx.demo.call("POST", "/plans", body({ extra: 1 })), 400, "badRequest", "Additional properties are not allowed ('extra' was unexpected)");
    fault(await ctx.demo.call("POST", "/plans", {}), 400, "badRequest", "'plan' is a required property");
  });

  it("lists, filters and shows plans; a missing or malformed id is 404 or 400", async () => {
    const a = await createPlan(ctx.demo, ["web-000"], "plan-a");
    await createPlan(ctx.demo, ["web-001"], "plan-b");
    const all = await ctx.demo.call("GET", "/plans");
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.plans.map((p: { name: string }) => p.name).sort(), ["plan-a", "plan-b"]);
    const named = await ctx.demo.call("GET", "/plans?name=plan-a");
    assert.deepEqual(named.body.plans.map((p: { id: string }) => p.id), [a.id]);
    const paged = await ctx.demo.call("GET", "/plans?limit=1");
    assert.equal(paged.body.plans.length, 1);
    assert.match(paged.body.plans_links[0].href, /marker=/);
    fault(await ctx.demo.call("GET", "/plans?limit=0"), 400, "badRequest", "limit param must be positive");
    fault(await ctx.demo.call("GET", "/plans?limit=x"), 400, "badRequest", "limit param must be an integer");
    assert.equal((await ctx.demo.call("GET", `/plans/${a.id}`)).body.plan.name, "plan-a");
    fault(await ctx.demo.call("GET", "/plans/3f1c8f6e-0000-4000-8000-000000000000"), 404, "itemNotFound", "Plan 3f1c8f6e-0000-4000-8000-000000000000 could not be found.");
    fault(await ctx.demo.call("GET", "/plans/not-a-uuid"), 400, "badRequest", "Invalid plan id provided.");
  });

  it("replaces resources wholesale on update and accepts an empty list", async () => {
    const a = await createPlan(ctx.demo, ["web-000", "web-001"]);
    const r = await ctx.demo.call("PUT", `/plans/${a.id}`, { plan: { resources: serverResources(ctx.cloud, ["web-002"]), name: "renamed" } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.plan.resources.map((x: { name: string }) => x.name), ["web-002"]);
    const empty = await ctx.demo.call("PUT", `/plans/${a.id}`, { plan: { resources: [] } });
    assert.deepEqual(empty.body.plan.resources, []);
    const policy = (await state(ctx.cloud))["csbs.policies"].find((x) => x.id === a.id);
    assert.deepEqual(policy.servers, []);
    assert.equal(policy.name, "renamed");
    fault(await ctx.demo.call("PUT", `/plans/${a.id}`, { plan: {} }), 400, "badRequest", "Missing updated parameters in request body.");
    fault(await ctx.demo.call("PUT", `/plans/${a.id}`, { plan: { provider_id: OS_INFRA } }), 400, "badRequest", /Additional properties/);
  });

  it("updates a plan only while it is suspended: once started it can never change again", async () => {
    const a = await createPlan(ctx.demo);
    assert.equal((await ctx.demo.call("PUT", `/plans/${a.id}`, { plan: { status: "started" } })).body.plan.status, "started");
    fault(await ctx.demo.call("PUT", `/plans/${a.id}`, { plan: { status: "suspended" } }), 400, "badRequest",
      "Invalid plan: The plan can be only updated in suspended status.");
  });

  it("deletes a plan with 200 and an empty body, without checking operations or checkpoints", async () => {
    const a = await createPlan(ctx.demo);
    await ctx.demo.call("POST", `/providers/${OS_INFRA}/checkpoints`, { checkpoint: { plan_id: a.id } });
    const r = await ctx.demo.call("DELETE", `/plans/${a.id}`);
    assert.equal(r.status, 200);
    assert.equal(r.text, "");
    const s = await state(ctx.cloud);
    assert.equal(s["karbor.plans"]?.length ?? 0, 0);
    assert.equal((s["csbs.policies"] ?? []).length, 0);
    assert.equal(s["csbs.checkpoints"].length, 1);
  });

  it("enforces the plans quota with 413 overLimit and Retry-After 0, adjustable by an admin", async () => {
    const adminCaller = await caller(ctx.cloud, "admin", "admin", "demo");
    fault(await ctx.demo.call("PUT", `/quotas/${ctx.demo.projectId}`, { quota: { plans: 2 } }), 403, "forbidden");
    const q = await adminCaller.call("PUT", `/quotas/${ctx.demo.projectId}`, { quota: { plans: 2 } });
    assert.deepEqual(q.body.quota, { id: ctx.demo.projectId, plans: 2, checkpoints: -1 });
    await createPlan(ctx.demo);
    await createPlan(ctx.demo);
    const r = await ctx.demo.call("POST", "/plans", { plan: { name: "third", provider_id: OS_INFRA, parameters: {}, resources: serverResources(ctx.cloud, ["web-000"]) } });
    fault(r, 413, "overLimit", "Maximum number of plans allowed (2) exceeded");
    assert.equal(r.headers.get("retry-after"), "0");
    assert.equal(r.body.overLimit.retryAfter, "0");
    assert.equal((await ctx.demo.call("GET", `/quotas/${ctx.demo.projectId}/detail`)).body.quota.plans.in_use, 2);
    assert.equal((await adminCaller.call("DELETE", `/quotas/${ctx.demo.projectId}`)).status, 200);
    assert.equal((await ctx.demo.call("GET", `/quotas/${ctx.demo.projectId}`)).body.quota.plans, 50);
  });

  it("answers the default quota of 50 plans and refuses a malformed project id", async () => {
    assert.deepEqual((await ctx.demo.call("GET", `/quotas/${ctx.demo.projectId}/defaults`)).body.quota, { id: ctx.demo.projectId, plans: 50, checkpoints: -1 });
    fault(await ctx.demo.call("GET", "/quotas/nope"), 400, "badRequest", "Invalid project id provided.");
  });

  it("keeps projects apart: another project's path is 400, another project's plan is 404, a reader cannot write", async () => {
    const other = await caller(ctx.cloud, "other");
    const a = await createPlan(ctx.demo);
    fault(await other.call("GET", `${ctx.demo.base}/plans`), 400, "badRequest", "Malformed request url");
    fault(await other.call("GET", `/plans/${a.id}`), 404, "itemNotFound");
    const reader = await caller(ctx.cloud, "demo-reader");
    assert.equal((await reader.call("GET", "/plans")).status, 200);
    fault(await reader.call("DELETE", `/plans/${a.id}`), 403, "forbidden");
    const unauth = await fetch(`${ctx.demo.base}/plans`);
    assert.equal(unauth.status, 401);
    assert.ok(((await unauth.json()) as Record<string, unknown>).unauthorized);
  });
});
