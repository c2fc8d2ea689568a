import assert from "node:assert/strict";
import { createOperation, createPlan, createTrigger, fault, karborCloudPerTest, OS_INFRA, state } from "./support/karbor-session";

describe("localcloud Karbor scheduled operations", function () {
  this.timeout(30_000);
  const ctx = karborCloudPerTest();

  it("creates a retention_protect operation with 200 and gives the plan its schedule and retention", async () => {
    const plan = await createPlan(ctx.demo, ["web-000"]);
    const t = await createTrigger(ctx.demo);
    const op = await createOperation(ctx.demo, plan.id, t.id, { max_backups: "3", retention_duration: "-1" });
    assert.deepEqual(Object.keys(op).sort(), ["description", "enabled", "id", "name", "operation_definition", "operation_type", "trigger_id"]);
    assert.equal(op.enabled, true);
    assert.equal(op.operation_definition.max_backups, "3");
    const policy = (await state(ctx.cloud))["csbs.policies"].find((p) => p.id === plan.id);
    assert.equal(policy.schedule.enabled, true);
    assert.equal(policy.schedule.operationId, op.id);
    assert.deepEqual(policy.schedule.retention, { maxBackups: 3, retentionDurationDays: -1, permanent: false });
  });

  it("treats a protect operation as keeping every backup, and retention_duration ≤ 0 as unlimited", async () => {
    const plan = await createPlan(ctx.demo);
    const t = await createTrigger(ctx.demo);
    await createOperation(ctx.demo, plan.id, t.id, {}, "protect");
    assert.equal((await state(ctx.cloud))["csbs.policies"][0].schedule.retention.permanent, true);
    const plan2 = await createPlan(ctx.demo, ["web-001"], "b");
    await createOperation(ctx.demo, plan2.id, t.id, { max_backups: 0, retention_duration: 30 });
    const p2 = (await state(ctx.cloud))["csbs.policies"].find((p) => p.id === plan2.id);
    assert.deepEqual(p2.schedule.retention, { maxBackups: -1, retentionDurationDays: 30, permanent: false });
  });

  it("refuses a provider other than the plan's, missing fields, a missing trigger or plan, an unknown type, with the operation engine's words", async () => {
    const plan = await createPlan(ctx.demo);
    const t = await createTrigger(ctx.demo);
    const post = (o: Record<string, unknown>) => ctx.demo.call("POST", "/scheduled_operations", { scheduled_operation: {
      name: "op", operation_type: "retention_protect", trigger_id: t.id, operation_definition: { plan_id: plan.id, provider_id: OS_INFRA }, ...o } });
    fault(await post({ operation_definition: { plan_id: plan.id, provider_id: "b766f37c-d011-4026-8228-28730d734a3f" } }), 400, "badRequest",
      "Invalid operation definition, reason:Provider_id is conflict");
    fault(await post({ name: undefined }), 400, "badRequest", "Operation name or type or definition is not provided.");
    fault(await post({ trigger_id: "3f1c8f6e-0000-4000-8000-000000000000" }), 404, "itemNotFound");
    fault(await post({ operation_definition: {} }), 400, "badRequest", "Operation name or type or definition is not provided.");
    // The operation engine's plan lookup fails over RPC: the controller's catch-all 500.
    fault(await post({ operation_definition: { plan_id: "3f1c8f6e-0000-4000-8000-000000000000", provider_id: OS_INFRA } }), 500, "computeFault",
      /^Unexpected API Error\. .*\nPlan 3f1c8f6e-0000-4000-8000-000000000000 could not be found\.$/s);
    fault(await post({ operation_type: "backup" }), 400, "badRequest", "Invalid operation type: backup");
    fault(await post({ operation_definition: { plan_id: plan.id, provider_id: "x" } }), 400, "badRequest", "Invalid operation definition, reason:Provider_id is invalid");
    fault(await post({ operation_definition: { plan_id: "x", provider_id: OS_INFRA } }), 400, "badRequest", "Invalid operation definition, reason:Plan_id is invalid");
    const unchecked = await post({ operation_definition: { plan_id: plan.id, provider_id: OS_INFRA, max_backups: "many" } });
    assert.equal(unchecked.status, 200, "Karbor checks no retention value at create");
  });

  it("has no update: PUT is 405 badMethod", async () => {
    const plan = await createPlan(ctx.demo);
    const t = await createTrigger(ctx.demo);
    const op = await createOperation(ctx.demo, plan.id, t.id);
    fault(await ctx.demo.call("PUT", `/scheduled_operations/${op.id}`, { scheduled_operation: { name: "x" } }), 405, "badMethod");
  });

  it("lists, filters, shows and deletes operations; deleting the last one turns the plan's schedule off", async () => {
    const plan = await createPlan(ctx.demo);
    const t = await createTrigger(ctx.demo);
    const op = await createOperation(ctx.demo, plan.id, t.id);
    assert.deepEqual((await ctx.demo.call("GET", `/scheduled_operations?trigger_id=${t.id}`)).body.operations.map((o: { id: string }) => o.id), [op.id]);
    assert.deepEqual((await ctx.demo.call("GET", "/scheduled_operations?operation_type=protect")).body.operations, []);
    assert.equal((await ctx.demo.call("GET", `/scheduled_operations/${op.id}`)).body.scheduled_operation.trigger_id, t.id);
    const r = await ctx.demo.call("DELETE", `/scheduled_operations/${op.id}`);
    assert.equal(r.status, 200);
    assert.equal(r.text, "");
    assert.equal((await state(ctx.cloud))["csbs.policies"][0].schedule.enabled, false);
    fault(await ctx.demo.call("GET", `/scheduled_operations/${op.id}`), 404, "itemNotFound");
  });
});
