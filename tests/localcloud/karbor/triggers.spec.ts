import assert from "node:assert/strict";
import { createOperation, createPlan, createTrigger, fault, karborCloudPerTest, state, WEEKLY_MO_2 } from "./support/karbor-session";

const vevent = (rrule: string) => `BEGIN:VEVENT\nRRULE:${rrule}\nEND:VEVENT`;

describe("localcloud Karbor triggers", function () {
  this.timeout(30_000);
  const ctx = karborCloudPerTest();

  const create = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    ctx.demo.call("POST", "/triggers", { trigger_info: { name: "tr", type: "time", properties, ...extra } });

  it("creates a time trigger with 200 and string properties, start_time defaulting to the cloud's now", async () => {
    const r = await create({ format: "calendar", pattern: WEEKLY_MO_2, window: 1200 });
    assert.equal(r.status, 200);
    const t = r.body.trigger_info;
    assert.deepEqual(Object.keys(t).sort(), ["id", "name", "properties", "type"]);
    assert.equal(t.type, "time");
    assert.deepEqual(t.properties, { format: "calendar", pattern: WEEKLY_MO_2, start_time: "2030-01-07 00:00:00", window: "1200" });
  });

  it("accepts a bare VEVENT, the JSON-escaped form the CLI sends, and RRULEs that leave times to start_time", async () => {
    assert.equal((await create({ format: "calendar", pattern: vevent("FREQ=DAILY;BYHOUR=1;BYMINUTE=30") })).status, 200);
    assert.equal((await create({ format: "calendar", pattern: "BEGIN:VEVENT\\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH\\nEND:VEVENT" })).status, 200);
    assert.equal((await create({ format: "calendar", pattern: vevent("FREQ=HOURLY;INTERVAL=2"), start_time: "2030-01-07 00:15:00" })).status, 200);
  });

  it("refuses runs closer than 3600 s, checked over the whole cycle including midnight", async () => {
    const msg = "The interval of two adjacent time points is less than 3600";
    fault(await create({ format: "calendar", pattern: vevent("FREQ=MINUTELY;INTERVAL=30") }), 400, "badRequest", msg);
    fault(await create({ format: "calendar", pattern: vevent("FREQ=DAILY;BYHOUR=1,2;BYMINUTE=0,30") }), 400, "badRequest", msg);
    fault(await create({ format: "calendar", pattern: vevent("FREQ=DAILY;BYHOUR=0,23;BYMINUTE=30,59") }), 400, "badRequest", msg);
    // 23:30 and 00:10 the next day are 40 minutes apart: only a whole-cycle check sees it.
    const acrossMidnight = "BEGIN:VEVENT\nRRULE:FREQ=DAILY;BYHOUR=23;BYMINUTE=30\nRRULE:FREQ=DAILY;BYHOUR=0;BYMINUTE=10\nEND:VEVENT";
    fault(await create({ format: "calendar", pattern: acrossMidnight }), 400, "badRequest", msg);
  });

  it("refuses bad patterns, start times, end times and windows with Karbor's messages", async () => {
    fault(await create({ format: "calendar", pattern: "RRULE:FREQ=DAILY" }), 400, "badRequest", "The trigger pattern(RRULE:FREQ=DAILY) is invalid");
    fault(await create({ format: "calendar", pattern: WEEKLY_MO_2, start_time: "2030-01-07T00:00:00" }), 400, "badRequest",
      "The format of trigger start_time is not correct");
    fault(await create({ format: "calendar", pattern: WEEKLY_MO_2, start_time: "2030-01-07 00:00:00", end_time: "2030-01-06 00:00:00" }), 400, "badRequest",
      "The trigger's start time(2030-01-07 00:00:00) is bigger than end time(2030-01-06 00:00:00)");
    fault(await create({ format: "calendar", pattern: WEEKLY_MO_2, window: 3600 }), 400, "badRequest", "The trigger windows 3600 must be between 900 and 1800");
    fault(await create({ format: "calendar", pattern: WEEKLY_MO_2, window: "900" }), 400, "badRequest", /window.*not of type 'integer'/);
    fault(await create({ pattern: WEEKLY_MO_2 }), 400, "badRequest", "'format' is a required property");
    fault(await create({ format: "calendar", pattern: WEEKLY_MO_2, colour: 1 }), 400, "badRequest", "Additional properties are not allowed ('colour' was unexpected)");
    fault(await create({ format: "calendar", pattern: WEEKLY_MO_2 }, { type: "event" }), 400, "badRequest", /Invalid trigger type/);
  });

  it("lists flat triggers and shows one; a malformed or missing id is 400 or 404", async () => {
    const t = await createTrigger(ctx.demo);
    const list = await ctx.demo.call("GET", "/triggers");
    assert.deepEqual(list.body.triggers.map((x: { id: string }) => x.id), [t.id]);
    assert.equal(list.body.triggers[0].trigger_info, undefined);
    assert.equal((await ctx.demo.call("GET", `/triggers/${t.id}`)).body.trigger_info.id, t.id);
    fault(await ctx.demo.call("GET", "/triggers/xyz"), 400, "badRequest", "Invalid trigger id provided.");
    fault(await ctx.demo.call("GET", "/triggers/3f1c8f6e-0000-4000-8000-000000000000"), 404, "itemNotFound");
  });

  it("needs start_time in an update that carries properties, replaces them all, and renames without properties", async () => {
    const t = await createTrigger(ctx.demo, WEEKLY_MO_2, { window: 1800 });
    fault(await ctx.demo.call("PUT", `/triggers/${t.id}`, { trigger_info: { properties: { pattern: WEEKLY_MO_2 } } }), 400, "badRequest", "start_time should be supplied");
    const renamed = await ctx.demo.call("PUT", `/triggers/${t.id}`, { trigger_info: { name: "renamed" } });
    assert.equal(renamed.body.trigger_info.name, "renamed");
    const daily = vevent("FREQ=DAILY;BYHOUR=3;BYMINUTE=0");
    const r = await ctx.demo.call("PUT", `/triggers/${t.id}`, { trigger_info: { properties: { pattern: daily, start_time: "2030-01-08 00:00:00" } } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.trigger_info.properties, { pattern: daily, start_time: "2030-01-08 00:00:00", window: "900" });
  });

  it("reschedules the plans a trigger drives when its pattern changes", async () => {
    const plan = await createPlan(ctx.demo);
    const t = await createTrigger(ctx.demo);
    await createOperation(ctx.demo, plan.id, t.id);
    const daily = vevent("FREQ=DAILY;BYHOUR=3;BYMINUTE=0");
    await ctx.demo.call("PUT", `/triggers/${t.id}`, { trigger_info: { properties: { pattern: daily, start_time: "2030-01-07 00:00:00" } } });
    const policy = (await state(ctx.cloud))["csbs.policies"].find((p) => p.id === plan.id);
    assert.match(policy.schedule.pattern, /RRULE:FREQ=DAILY;BYHOUR=3;BYMINUTE=0/);
  });

  it("refuses to delete a trigger an operation uses with 424 computeFault, and deletes a free one with an empty 200", async () => {
    const plan = await createPlan(ctx.demo);
    const t = await createTrigger(ctx.demo);
    const op = await createOperation(ctx.demo, plan.id, t.id);
    fault(await ctx.demo.call("DELETE", `/triggers/${t.id}`), 424, "computeFault", "Trigger is being used by one or more operations");
    assert.equal((await ctx.demo.call("DELETE", `/scheduled_operations/${op.id}`)).status, 200);
    const r = await ctx.demo.call("DELETE", `/triggers/${t.id}`);
    assert.equal(r.status, 200);
    assert.equal(r.text, "");
    assert.equal((await state(ctx.cloud))["karbor.triggers"].length, 0);
  });
});
