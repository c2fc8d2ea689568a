/**
 * Debian's real Karbor client (python3-karborclient 2.1.0, the `karbor` command) against the local cloud, whose
 * `demo` project speaks Karbor: every command's effect is checked in the cloud's state.
 */
import assert from "node:assert/strict";
import type { LocalCloud } from "../../../localcloud";
import { dict, ensureKarborCli, karbor, karborOk, table, type CliUser } from "./support/karbor-cli";
import { OS_INFRA, serverId, startKarborCloud, state } from "./support/karbor-session";

const PATTERN = "BEGIN:VEVENT\\nRRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=2;BYMINUTE=0\\nEND:VEVENT";

describe("Debian's karbor CLI against the local Karbor", function () {
  this.timeout(180_000);
  let cloud: LocalCloud;
  let demo: CliUser;

  before(async () => {
    await ensureKarborCli();
    cloud = await startKarborCloud({ clock: {} });
    demo = { authUrl: cloud.authUrl, user: "demo", password: "demo", project: "demo" };
  });
  after(() => cloud?.close());

  it("lists the provider and the protectable types, and shows a server instance", async () => {
    const providers = table(await karborOk(demo, ["provider-list"]));
    assert.deepEqual(providers.map((p) => [p.Id, p.Name]), [[OS_INFRA, "OS Infra Provider"]]);
    const types = table(await karborOk(demo, ["protectable-list"])).map((r) => r["Protectable type"]);
    assert.ok(types.includes("OS::Nova::Server") && types.includes("OS::Cinder::Volume"), types.join(","));
    const instance = dict(await karborOk(demo, ["protectable-show-instance", "OS::Nova::Server", serverId(cloud, "web-000")]));
    assert.equal(instance.name, "web-000");
  });

  it("refuses to create a plan with a server the cloud does not have (the CLI looks each resource up first)", async () => {
    const r = await karbor(demo, ["plan-create", "ghost", OS_INFRA, "3f1c8f6e-0000-4000-8000-000000000000=OS::Nova::Server=ghost"]);
    assert.notEqual(r.code, 0);
    assert.match(r.output, /can not be found/);
    assert.equal((await state(cloud))["karbor.plans"]?.length ?? 0, 0);
  });

  it("creates, lists, updates and deletes a plan, a trigger, a scheduled operation and a checkpoint", async () => {
    const web0 = serverId(cloud, "web-000");
    const plan = dict(await karborOk(demo, ["plan-create", "cli-plan", OS_INFRA, `${web0}=OS::Nova::Server=web-000`, "--description", "from the CLI"]));
    assert.equal(plan.status, "suspended");
    let s = await state(cloud);
    assert.deepEqual(s["csbs.policies"].find((p) => p.id === plan.id).servers, [{ id: web0, name: "web-000" }]);
    assert.ok(table(await karborOk(demo, ["plan-list"])).some((r) => r.Id === plan.id));
    assert.equal(dict(await karborOk(demo, ["plan-show", plan.id])).name, "cli-plan");
    assert.equal(dict(await karborOk(demo, ["plan-update", plan.id, "--name", "cli-plan-2"])).name, "cli-plan-2");
    assert.equal((await state(cloud))["csbs.policies"].find((p) => p.id === plan.id).name, "cli-plan-2");

    const trigger = dict(await karborOk(demo, ["trigger-create", "cli-trigger", "time", `pattern=${PATTERN},format=calendar`]));
    assert.match(trigger.properties, /"format": "calendar"/);
    assert.ok(table(await karborOk(demo, ["trigger-list"])).some((r) => r.Id === trigger.id));
    assert.equal(dict(await karborOk(demo, ["trigger-show", trigger.id])).name, "cli-trigger");
    const tooOften = await karbor(demo, ["trigger-create", "often", "time", "pattern=BEGIN:VEVENT\\nRRULE:FREQ=MINUTELY;INTERVAL=10\\nEND:VEVENT,format=calendar"]);
    assert.notEqual(tooOften.code, 0);
    assert.match(tooOften.output, /The interval of two adjacent time points is less than 3600 \(HTTP 400\)/);
    const noStart = await karbor(demo, ["trigger-update", trigger.id, "--properties", `pattern=${PATTERN}`]);
    assert.match(noStart.output, /start_time should be supplied \(HTTP 400\)/);

    const op = dict(await karborOk(demo, ["scheduledoperation-create", "cli-op", "retention_protect", trigger.id,
      `plan_id=${plan.id},provider_id=${OS_INFRA},max_backups=3,retention_duration=-1`]));
    assert.equal(op.operation_type, "retention_protect");
    s = await state(cloud);
    const schedule = s["csbs.policies"].find((p) => p.id === plan.id).schedule;
    assert.equal(schedule.enabled, true);
    assert.equal(schedule.retention.maxBackups, 3);
    assert.ok(table(await karborOk(demo, ["scheduledoperation-list"])).some((r) => r.Id === op.id));
    assert.equal(dict(await karborOk(demo, ["scheduledoperation-show", op.id])).trigger_id, trigger.id);
    const inUse = await karbor(demo, ["trigger-delete", trigger.id]);
    assert.match(inUse.output, /Trigger is being used by one or more operations \(HTTP 424\)/);

    const checkpoint = dict(await karborOk(demo, ["checkpoint-create", OS_INFRA, plan.id]));
    assert.equal(checkpoint.status, "protecting");
    assert.equal((await state(cloud))["csbs.checkpoints"].filter((c) => c.id === checkpoint.id).length, 1);
    const listed = table(await karborOk(demo, ["checkpoint-list", OS_INFRA]));
    assert.deepEqual(listed.map((r) => [r.Id, r.Status]), [[checkpoint.id, "available"]]);
    const shown = dict(await karborOk(demo, ["checkpoint-show", OS_INFRA, checkpoint.id]));
    assert.equal(shown.status, "available");
    assert.match(shown.protection_plan, new RegExp(plan.id));
    await karborOk(demo, ["checkpoint-reset-state", OS_INFRA, checkpoint.id]);
    assert.equal(dict(await karborOk(demo, ["checkpoint-show", OS_INFRA, checkpoint.id])).status, "error");
    await karborOk(demo, ["checkpoint-delete", OS_INFRA, checkpoint.id]);
    const items = (await state(cloud))["csbs.items"].filter((i) => i.checkpointId === checkpoint.id);
    assert.ok(items.every((i) => i.status === "deleting"), JSON.stringify(items));

    await karborOk(demo, ["scheduledoperation-delete", op.id]);
    await karborOk(demo, ["trigger-delete", trigger.id]);
    await karborOk(demo, ["plan-delete", plan.id]);
    s = await state(cloud);
    assert.equal(s["karbor.operations"].length, 0);
    assert.equal(s["karbor.triggers"].filter((t) => t.id === trigger.id).length, 0);
    assert.equal(s["karbor.plans"].length, 0);
    assert.equal(s["csbs.policies"].length, 0);
  });

  it("shows the quota and the operation logs", async () => {
    const quota = dict(await karborOk(demo, ["quota-show"]));
    assert.equal(quota.plans, "50");
    const logs = table(await karborOk(demo, ["operationlog-list"]));
    assert.ok(logs.some((l) => l["Operation Type"] === "protect"), JSON.stringify(logs));
  });
});
