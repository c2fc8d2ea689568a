import assert from "node:assert/strict";
import {
  advance, createPolicy, csbsCloudPerTest, expectError, type Json, type Mode, PROVIDER_ID, serverId, Session, session, settings, startCloud,
} from "./support/csbs-session";

const P = `/providers/${PROVIDER_ID}`;

async function execute(s: Session, planId: string, parameters: Json = {}) {
  return s.call("POST", `${P}/checkpoints`, { checkpoint: { plan_id: planId, parameters } });
}

for (const mode of ["in-memory", "persistent"] as Mode[]) {
  describe(`localcloud CSBS runs and backups (${mode})`, function () {
    this.timeout(30_000);
    const ctx = csbsCloudPerTest(mode);

    describe("execute a policy now", () => {
      it("starts one manualbk_ backup per server: protecting, then available", async () => {
        const p = await createPolicy(ctx.demo, { servers: ["web-000", "web-001"] });
        const r = await execute(ctx.demo, p.id, { auto_trigger: false });
        assert.equal(r.status, 200);
        const c = r.body.checkpoint;
        assert.equal(c.status, "protecting");
        assert.equal(c.protection_plan.id, p.id);
        assert.equal(c.protection_plan.resources.length, 2);
        assert.equal(c.resource_graph, null);
        assert.deepEqual(JSON.parse(c.extra_info), { created_by: "manual" });
        const items = (await ctx.demo.call("GET", `/checkpoint_items?checkpoint_id=${c.id}`)).body.checkpoint_items;
        assert.equal(items.length, 2);
        assert.ok(items.every((i: Json) => /^manualbk_/.test(i.name) && i.status === "available" && i.extend_info.incremental === false));
        assert.notEqual(items[0].id, c.id);
      });

      it("backs up only the given subset of the policy's servers", async () => {
        const p = await createPolicy(ctx.demo, { servers: ["web-000", "web-001"] });
        const r = await execute(ctx.demo, p.id, { resources: [serverId(ctx.cloud, "web-001")] });
        const items = (await ctx.demo.call("GET", `/checkpoint_items?checkpoint_id=${r.body.checkpoint.id}`)).body.checkpoint_items;
        assert.deepEqual(items.map((i: Json) => i.resource_id), [serverId(ctx.cloud, "web-001")]);
      });

      it("refuses a second manual run while one is in progress (500 CSBS.1001)", async () => {
        await settings(ctx.cloud, { protectSeconds: 600 });
        const p = await createPolicy(ctx.demo, { servers: ["web-000"] });
        assert.equal((await execute(ctx.demo, p.id)).status, 200);
        expectError(await execute(ctx.demo, p.id), 500, "CSBS.1001", "The policy is executing backup.");
        await advance(ctx.cloud, 601);
        assert.equal((await execute(ctx.demo, p.id)).status, 200);
      });

      it("answers CSBS.6032 for a policy without servers and CSBS.3000 for a missing one", async () => {
        const p = await createPolicy(ctx.demo);
        expectError(await execute(ctx.demo, p.id), 500, "CSBS.6032", "plan has no resource backup");
        expectError(await execute(ctx.demo, "0b6c1c51-0000-4000-8000-000000000000"), 404, "CSBS.3000");
        expectError(await ctx.demo.call("POST", `${P}/checkpoints`, { plan_id: p.id }), 400, "CSBS.9001", /"checkpoint"/);
      });

      it("rejects another provider id in the path", async () => {
        const p = await createPolicy(ctx.demo, { servers: ["web-000"] });
        const r = await ctx.demo.call("POST", "/providers/c714180d-ea34-4b13-9a5e-577c7c416eec/checkpoints", { checkpoint: { plan_id: p.id, parameters: {} } });
        expectError(r, 400, "CSBS.9001", /provider/);
      });
    });

    describe("one-off backup and capability checks", () => {
      it("backs up one server through a fake plan, full first and incremental after", async () => {
        const id = serverId(ctx.cloud, "db-0");
        const r = await ctx.demo.call("POST", `${P}/resources/${id}/action`, { protect: { backup_name: "before-upgrade", description: "x" } });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        const c = r.body.checkpoint;
        assert.match(c.protection_plan.id, /^fake_/);
        assert.equal(c.protection_plan.name, `server protect plan for ${id}`);
        assert.equal(c.protection_plan.resources[0].name, `resource_${id}`);
        assert.equal(c.extra_info, null);
        await ctx.demo.call("POST", `${P}/resources/${id}/action`, { protect: {} });
        const items = (await ctx.demo.call("GET", `/checkpoint_items?resource_id=${id}&sort=created_at:asc,name:desc`)).body.checkpoint_items;
        assert.deepEqual(items.map((i: Json) => i.extend_info.incremental).sort(), [false, true]);
        assert.ok(items.some((i: Json) => i.name === "before-upgrade"));
        assert.ok(items.some((i: Json) => /^manualbk_/.test(i.name)));
      });

      it("refuses a one-off backup of an ineligible server", async () => {
        expectError(await ctx.demo.call("POST", `${P}/resources/${serverId(ctx.cloud, "broken-0")}/action`, { protect: {} }), 400, "CSBS.6006");
        expectError(await ctx.demo.call("POST", `${P}/resources/${serverId(ctx.cloud, "shared-0")}/action`, { protect: {} }), 400, "CSBS.6010");
      });

      it("check_protectable says false with the code when a server is in a policy or ineligible", async () => {
        await createPolicy(ctx.demo, { servers: ["web-000"] });
        const r = await ctx.demo.call("POST", `${P}/resources/action`, { check_protectable: [
          { resource_id: serverId(ctx.cloud, "web-000"), resource_type: "OS::Nova::Server" },
          { resource_id: serverId(ctx.cloud, "web-001"), resource_type: "OS::Nova::Server" },
          { resource_id: serverId(ctx.cloud, "broken-0"), resource_type: "OS::Nova::Server" },
        ] });
        assert.equal(r.status, 200);
        const [taken, free, broken] = r.body.protectable;
        assert.deepEqual([taken.result, taken.error_code], [false, "CSBS.6004"]);
        assert.equal(taken.error_msg, `Server (${serverId(ctx.cloud, "web-000")}) is already in service.`);
        assert.deepEqual([free.result, free.error_code], [true, undefined]);
        assert.deepEqual([broken.result, broken.error_code], [false, "CSBS.6006"]);
      });

      it("check_restorable accepts an available backup onto an eligible server", async () => {
        const id = serverId(ctx.cloud, "web-002");
        await ctx.demo.call("POST", `${P}/resources/${id}/action`, { protect: {} });
        const item = (await ctx.demo.call("GET", `/checkpoint_items?resource_id=${id}`)).body.checkpoint_items[0];
        const r = await ctx.demo.call("POST", `${P}/resources/action`, { check_restorable: [
          { checkpoint_item_id: item.id, target: { resource_id: id, resource_type: "OS::Nova::Server", volumes: [] } },
          { checkpoint_item_id: "5e8d0000-0000-4000-8000-000000000000", target: { resource_id: id, resource_type: "OS::Nova::Server", volumes: [] } },
        ] });
        assert.deepEqual(r.body.restorable.map((x: Json) => [x.result, x.error_code]), [[true, undefined], [false, "CSBS.3001"]]);
      });
    });

    describe("checkpoint_items", () => {
      it("lists with filters, counts, shows, and answers 404 CSBS.3001 for a missing backup", async () => {
        const p = await createPolicy(ctx.demo, { servers: ["web-000", "web-001"] });
        await execute(ctx.demo, p.id);
        await ctx.demo.call("POST", `${P}/resources/${serverId(ctx.cloud, "db-1")}/action`, { protect: { backup_name: "special_one" } });
        assert.equal((await ctx.demo.call("GET", "/checkpoint_items/count")).body.count, 3);
        assert.equal((await ctx.demo.call("GET", `/checkpoint_items/count?policy_id=${p.id}`)).body.count, 2);
        assert.equal((await ctx.demo.call("GET", "/checkpoint_items/count?name=SPECIAL")).body.count, 1);
        assert.equal((await ctx.demo.call("GET", "/checkpoint_items/count?status=available")).body.count, 3);
        assert.equal((await ctx.demo.call("GET", "/checkpoint_items/count?end_time=2030-01-06T00:00:00.000000")).body.count, 0);
        assert.equal((await ctx.demo.call("GET", "/checkpoint_items/count?start_time=2030-01-06T00:00:00.000000")).body.count, 3);
        const page = await ctx.demo.call("GET", "/checkpoint_items?limit=2");
        assert.equal(page.body.checkpoint_items.length, 2);
        assert.equal(page.body.checkpoint_items_links[0].rel, "next");
        const rest = await ctx.demo.call("GET", page.body.checkpoint_items_links[0].href);
        assert.equal(rest.body.checkpoint_items.length, 1);
        const one = page.body.checkpoint_items[0];
        const shown = await ctx.demo.call("GET", `/checkpoint_items/${one.id}`);
        assert.equal(shown.body.checkpoint_item.id, one.id);
        assert.equal(typeof shown.body.checkpoint_item.extend_info.average_speed, "number");
        assert.ok(!Number.isInteger(shown.body.checkpoint_item.extend_info.average_speed));
        assert.match(shown.body.checkpoint_item.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
        expectError(await ctx.demo.call("GET", "/checkpoint_items/7a7a0000-0000-4000-8000-000000000000"), 404, "CSBS.3001",
          "Checkpoint_item (7a7a0000-0000-4000-8000-000000000000) is not found.");
      });

      it("hides another project's backups", async () => {
        const other = await session(ctx.cloud, "other");
        await ctx.demo.call("POST", `${P}/resources/${serverId(ctx.cloud, "web-000")}/action`, { protect: {} });
        const mine = (await ctx.demo.call("GET", "/checkpoint_items")).body.checkpoint_items[0];
        assert.equal((await other.call("GET", "/checkpoint_items")).body.checkpoint_items.length, 0);
        expectError(await other.call("GET", `/checkpoint_items/${mine.id}`), 404, "CSBS.3001");
        expectError(await other.call("DELETE", `${P}/checkpoints/${mine.checkpoint_id}`), 404, "CSBS.3001");
      });

      it("deletes asynchronously: deleting, then gone; a second delete of a deleting backup is refused (CSBS.2003)", async () => {
        await settings(ctx.cloud, { deleteSeconds: 300 });
        await ctx.demo.call("POST", `${P}/resources/${serverId(ctx.cloud, "web-000")}/action`, { protect: {} });
        const item = (await ctx.demo.call("GET", "/checkpoint_items")).body.checkpoint_items[0];
        const r = await ctx.demo.call("DELETE", `${P}/checkpoints/${item.checkpoint_id}?checkpoint_items=${item.id}`);
        assert.equal(r.status, 200);
        assert.deepEqual(r.body, {});
        assert.equal((await ctx.demo.call("GET", `/checkpoint_items/${item.id}`)).body.checkpoint_item.status, "deleting");
        expectError(await ctx.demo.call("DELETE", `${P}/checkpoints/${item.checkpoint_id}`), 400, "CSBS.2003", /deleting/);
        await advance(ctx.cloud, 301);
        expectError(await ctx.demo.call("GET", `/checkpoint_items/${item.id}`), 404, "CSBS.3001");
      });

      it("refuses to delete a backup that is still protecting (CSBS.2003)", async () => {
        await settings(ctx.cloud, { protectSeconds: 600 });
        const r = await ctx.demo.call("POST", `${P}/resources/${serverId(ctx.cloud, "web-000")}/action`, { protect: {} });
        expectError(await ctx.demo.call("DELETE", `${P}/checkpoints/${r.body.checkpoint.id}`), 400, "CSBS.2003", /protecting/);
      });

      it("lets a reader read backups but not delete them", async () => {
        await ctx.demo.call("POST", `${P}/resources/${serverId(ctx.cloud, "web-000")}/action`, { protect: {} });
        const reader = await session(ctx.cloud, "demo-reader");
        const item = (await reader.call("GET", "/checkpoint_items")).body.checkpoint_items[0];
        assert.equal((await reader.call("DELETE", `${P}/checkpoints/${item.checkpoint_id}`)).status, 403);
      });
    });

    describe("restores, quotas and operation logs", () => {
      it("restores an available backup: in_progress, then the backup is available again and the log says success", async () => {
        const id = serverId(ctx.cloud, "web-000");
        const c = (await ctx.demo.call("POST", `${P}/resources/${id}/action`, { protect: {} })).body.checkpoint;
        const item = (await ctx.demo.call("GET", `/checkpoint_items?checkpoint_id=${c.id}`)).body.checkpoint_items[0];
        const r = await ctx.demo.call("POST", "/restores", { restore: { provider_id: PROVIDER_ID, checkpoint_id: c.id,
          parameters: { checkpoint_item_id: item.id, power_on: true, targets: { server_id: id, volumes: [] } } } });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.equal(r.body.restore.status, "in_progress");
        assert.equal((await ctx.demo.call("GET", `/checkpoint_items/${item.id}`)).body.checkpoint_item.status, "available");
        const logs = (await ctx.demo.call("GET", `/operation_logs?restore_id=${r.body.restore.id}`)).body.operation_logs;
        assert.deepEqual(logs.map((l: Json) => [l.operation_type, l.status]), [["restore", "success"]]);
        const shown = await ctx.demo.call("GET", `/operation_logs/${logs[0].id}`);
        assert.equal(shown.body.operation_log.id, logs[0].id);
        expectError(await ctx.demo.call("GET", "/operation_logs/1d1d0000-0000-4000-8000-000000000000"), 404, "CSBS.3002");
      });

      it("rejects a restore without parameters or of a missing backup", async () => {
        expectError(await ctx.demo.call("POST", "/restores", { restore: { provider_id: PROVIDER_ID, checkpoint_id: "x" } }), 400, "CSBS.9001", /checkpoint_item_id/);
        expectError(await ctx.demo.call("POST", "/restores", { restore: { provider_id: PROVIDER_ID, checkpoint_id: "4c4c0000-0000-4000-8000-000000000000",
          parameters: { checkpoint_item_id: "a", power_on: false, targets: { server_id: serverId(ctx.cloud, "web-000"), volumes: [] } } } }), 404, "CSBS.3001");
      });

      it("reports backups, capacity and policies in quotas", async () => {
        await createPolicy(ctx.demo, { servers: ["web-000"] });
        await ctx.demo.call("POST", `${P}/resources/${serverId(ctx.cloud, "web-001")}/action`, { protect: {} });
        const q = (await ctx.demo.call("GET", "/quotas")).body.quotas.resources;
        assert.deepEqual(q.find((x: Json) => x.type === "backups"), { type: "backups", quota: 600, used: 1 });
        const cap = q.find((x: Json) => x.type === "backup_capacity");
        assert.equal(cap.unit, "GB");
        assert.equal(cap.quota, -1);
        assert.ok(cap.used > 0);
        assert.deepEqual(q.find((x: Json) => x.type === "policies"), { type: "policies", quota: 32, used: 1 });
      });
    });
  });
}

describe("localcloud CSBS backup quota", function () {
  this.timeout(30_000);

  it("stops at 600 backups: scheduled runs log an error and a manual run answers 400 CSBS.9006", async () => {
    const cloud = await startCloud("in-memory");
    try {
      const demo = await session(cloud);
      const names = Array.from({ length: 50 }, (_, i) => `web-${String(i).padStart(3, "0")}`);
      const p = await createPolicy(demo, { servers: names, definition: { max_backups: -1 },
        pattern: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13;BYMINUTE=30\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" });
      await advance(cloud, 86_400);
      assert.equal((await demo.call("GET", "/checkpoint_items/count")).body.count, 600);
      const errors = await demo.call("GET", `/operation_logs?plan_id=${p.id}&status=error`);
      assert.equal(errors.body.operation_logs.length, 2);
      assert.match(errors.body.operation_logs[0].error_info, /CSBS\.9006/);
      expectError(await execute(demo, p.id), 400, "CSBS.9006", /Quota exceeded for resources: backups/);
    } finally {
      await cloud.close();
    }
  });
});
