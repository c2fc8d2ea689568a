import assert from "node:assert/strict";
import { advance, createOperation, createPlan, createTrigger, karborCloudPerTest, state } from "./support/karbor-session";

const MO_TH_2_14 = "BEGIN:VEVENT\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=2,14;BYMINUTE=0\nEND:VEVENT";

describe("localcloud Karbor plans under the shared scheduler", function () {
  this.timeout(30_000);
  const ctx = karborCloudPerTest();

  async function autoBackups(): Promise<Array<{ resourceId: string; createdAt: string; policyId: string }>> {
    return ((await state(ctx.cloud))["csbs.items"] ?? []).filter((i) => i.automatic);
  }

  it("runs a plan with a retention_protect operation at its trigger's times and keeps max_backups per server", async () => {
    const plan = await createPlan(ctx.demo, ["web-000", "web-001"]);
    const trigger = await createTrigger(ctx.demo, MO_TH_2_14);
    await createOperation(ctx.demo, plan.id, trigger.id, { max_backups: 3 });
    await advance(ctx.cloud, 7 * 86400);
    const backups = await autoBackups();
    assert.equal(backups.length, 6, "3 kept per server of the 4 runs");
    const times = [...new Set(backups.map((b) => b.createdAt))].sort();
    assert.deepEqual(times, ["2030-01-07T14:00:00.000Z", "2030-01-10T02:00:00.000Z", "2030-01-10T14:00:00.000Z"]);
    const checkpoints = (await ctx.demo.call("GET", `/providers/cf56bd3e-97a7-4078-b6d5-f36246333fd9/checkpoints?plan_id=${plan.id}`)).body.checkpoints;
    assert.ok(checkpoints.every((c: { extra_info: string }) => c.extra_info === '{"created_by":"operation-engine"}'));
  });

  it("never runs a plan without an operation, and stops when the operation is deleted", async () => {
    const idle = await createPlan(ctx.demo, ["web-002"], "idle");
    const plan = await createPlan(ctx.demo, ["web-000"]);
    const trigger = await createTrigger(ctx.demo, MO_TH_2_14);
    const op = await createOperation(ctx.demo, plan.id, trigger.id);
    await advance(ctx.cloud, 3 * 86400);
    assert.equal((await autoBackups()).length, 2, "Monday 02:00 and 14:00");
    await ctx.demo.call("DELETE", `/scheduled_operations/${op.id}`);
    await advance(ctx.cloud, 7 * 86400);
    const backups = await autoBackups();
    assert.equal(backups.length, 2, "no run after the operation went");
    assert.ok(backups.every((b) => b.policyId !== idle.id));
  });
});
