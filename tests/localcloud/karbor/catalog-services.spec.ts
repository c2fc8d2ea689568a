import assert from "node:assert/strict";
import { login } from "../../support/cloud";
import { caller, createPlan, fault, karborCloudPerTest, OS_INFRA, serverId } from "./support/karbor-session";

describe("localcloud Karbor providers, protectables, restores, operation logs and services", function () {
  this.timeout(30_000);
  const ctx = karborCloudPerTest();

  it("puts Karbor in the catalog of a project whose api is karbor, and CSBS in the others", async () => {
    const s = await login(ctx.cloud, "demo", "demo", "demo");
    assert.equal(s.csbs, `${ctx.cloud.url}/karbor/v1/${s.projectId}`);
  });

  it("lists and shows the OS Infra Provider with its extended_info_schema; an unknown provider is 404", async () => {
    const list = await ctx.demo.call("GET", "/providers");
    assert.deepEqual(list.body.providers.map((p: { id: string; name: string }) => [p.id, p.name]), [[OS_INFRA, "OS Infra Provider"]]);
    const one = (await ctx.demo.call("GET", `/providers/${OS_INFRA}`)).body.provider;
    assert.deepEqual(Object.keys(one.extended_info_schema).sort(), ["options_schema", "restore_schema", "saved_info_schema"]);
    assert.ok(one.extended_info_schema.options_schema["OS::Cinder::Volume"].properties.backup_mode);
    fault(await ctx.demo.call("GET", "/providers/3f1c8f6e-0000-4000-8000-000000000000"), 404, "itemNotFound");
  });

  it("lists protectable types, shows one, and lists and shows server and volume instances from Nova and Cinder", async () => {
    const types = (await ctx.demo.call("GET", "/protectables")).body.protectable_type;
    for (const t of ["OS::Keystone::Project", "OS::Nova::Server", "OS::Cinder::Volume"]) assert.ok(types.includes(t), t);
    assert.deepEqual((await ctx.demo.call("GET", "/protectables/OS::Nova::Server")).body.protectable_type.dependent_types, ["OS::Cinder::Volume", "OS::Glance::Image"]);
    fault(await ctx.demo.call("GET", "/protectables/OS::Nova::Thing"), 404, "itemNotFound");
    const servers = (await ctx.demo.call("GET", "/protectables/OS::Nova::Server/instances")).body.instances;
    assert.equal(servers.length, 104);
    const web0 = (await ctx.demo.call("GET", `/protectables/OS::Nova::Server/instances/${serverId(ctx.cloud, "web-000")}`)).body.instance;
    assert.equal(web0.name, "web-000");
    assert.equal(web0.dependent_resources[0].type, "OS::Cinder::Volume");
    const vol = (await ctx.demo.call("GET", `/protectables/OS::Cinder::Volume/instances/${web0.dependent_resources[0].id}`)).body.instance;
    assert.equal(vol.type, "OS::Cinder::Volume");
    fault(await ctx.demo.call("GET", "/protectables/OS::Nova::Server/instances/3f1c8f6e-0000-4000-8000-000000000000"), 404, "itemNotFound");
    fault(await ctx.demo.call("GET", "/protectables/OS::Nova::Thing/instances"), 400, "badRequest", "Invalid protectable type provided.");
    const project = (await ctx.demo.call("GET", "/protectables/OS::Keystone::Project/instances")).body.instances;
    assert.deepEqual(project.map((p: { id: string }) => p.id), [ctx.demo.projectId]);
  });

  it("restores an available checkpoint, records a failed restore of one that is not available, and logs protect and restore operations", async () => {
    const plan = await createPlan(ctx.demo, ["web-000"]);
    const c = (await ctx.demo.call("POST", `/providers/${OS_INFRA}/checkpoints`, { checkpoint: { plan_id: plan.id } })).body.checkpoint;
    const r = await ctx.demo.call("POST", "/restores", { restore: { provider_id: OS_INFRA, checkpoint_id: c.id, parameters: {} } });
    assert.equal(r.status, 200);
    assert.equal(r.body.restore.checkpoint_id, c.id);
    const listed = (await ctx.demo.call("GET", "/restores")).body.restores;
    assert.equal(listed.length, 1);
    assert.equal((await ctx.demo.call("GET", `/restores/${r.body.restore.id}`)).body.restore.status, "success");
    await ctx.demo.call("PUT", `/providers/${OS_INFRA}/checkpoints/${c.id}`, { "os-resetState": { state: "error" } });
    // Karbor records the restore before asking the protection service, and marks it failed when that refuses.
    const notAvailable = await ctx.demo.call("POST", "/restores", { restore: { provider_id: OS_INFRA, checkpoint_id: c.id, parameters: {} } });
    assert.deepEqual([notAvailable.status, notAvailable.body.restore.status], [200, "fail"]);
    assert.equal(notAvailable.body.restore.resources_reason.error, `The checkpoint ${c.id} is not available`);
    const logs = (await ctx.demo.call("GET", `/operation_logs?plan_id=${plan.id}`)).body.operation_logs;
    assert.deepEqual(logs.map((l: { operation_type: string }) => l.operation_type).sort(), ["protect", "restore"]);
    const one = (await ctx.demo.call("GET", `/operation_logs/${logs[0].id}`)).body.operation_log;
    assert.equal(one.provider_id, OS_INFRA);
    assert.match(one.started_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
  });

  it("lists services for an admin only", async () => {
    fault(await ctx.demo.call("GET", "/os-services"), 403, "forbidden");
    const adminCaller = await caller(ctx.cloud, "admin", "admin", "demo");
    const services = (await adminCaller.call("GET", "/os-services?binary=karbor-operationengine")).body.services;
    assert.deepEqual(services.map((s: { binary: string; state: string }) => [s.binary, s.state]), [["karbor-operationengine", "up"]]);
  });

  it("disables and enables the operation engine for an admin, and refuses other services and a reason when enabling", async () => {
    const adminCaller = await caller(ctx.cloud, "admin", "admin", "demo");
    const off = await adminCaller.call("PUT", "/os-services/1", { status: "disabled", disabled_reason: "maintenance" });
    assert.deepEqual([off.body.service.status, off.body.service.disabled_reason], ["disabled", "maintenance"]);
    fault(await adminCaller.call("PUT", "/os-services/1", { status: "enabled", disabled_reason: "x" }), 400, "badRequest");
    fault(await adminCaller.call("PUT", "/os-services/2", { status: "disabled" }), 400, "badRequest", /only karbor-operationengine/);
    fault(await ctx.demo.call("PUT", "/os-services/1", { status: "enabled" }), 403, "forbidden");
    assert.equal((await adminCaller.call("PUT", "/os-services/1", { status: "enabled" })).body.service.status, "enabled");
  });

  it("answers unknown Karbor paths with a 404 itemNotFound fault and request ids on every response", async () => {
    const r = await ctx.demo.call("GET", "/verifications/x/y");
    fault(r, 404, "itemNotFound");
    assert.match(r.headers.get("x-openstack-request-id") ?? "", /^req-/);
  });
});
