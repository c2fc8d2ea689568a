import assert from "node:assert/strict";
import { admin } from "../../support/cloud";
import {
  advance, createPolicy, csbsCloudPerTest, expectError, type Json, pattern, policyBody, PROVIDER_ID, serverId,
} from "./support/csbs-session";

const DAY = 86_400;
const LONG_TERM_KEYS = ["day_backups", "week_backups", "month_backups", "year_backups", "timezone"];

describe("localcloud CSBS long-term retention", function () {
  this.timeout(60_000);
  const t = csbsCloudPerTest("in-memory");

  const storedRetention = async (id: string): Promise<Json> => {
    const state = await admin<Json>(t.cloud, "GET", "/state");
    return state.collections["csbs.policies"].find((p: Json) => p.id === id).schedule.retention;
  };

  it("stores the four counts and the timezone but never echoes them, as the real API", async () => {
    const def = { max_backups: 3, day_backups: 7, week_backups: "4", month_backups: 3, year_backups: 0, timezone: "UTC+01:00" };
    const p = await createPolicy(t.demo, { definition: def });
    for (const body of [p, (await t.demo.call("GET", `/policies/${p.id}`)).body.policy]) {
      const shown = body.scheduled_operations[0].operation_definition;
      for (const k of LONG_TERM_KEYS) assert.ok(!(k in shown), `${k} echoed: ${JSON.stringify(shown)}`);
    }
    assert.deepEqual((await storedRetention(p.id)).longTerm, { dayBackups: 7, weekBackups: 4, monthBackups: 3, yearBackups: 0, timezone: "UTC+01:00" });
  });

  it("keeps the long-term rule through an update that names only max_backups, and drops it when every count is 0", async () => {
    const p = await createPolicy(t.demo, { definition: { max_backups: 3, month_backups: 2, timezone: "UTC-05:30" } });
    const op = p.scheduled_operations[0].id;
    const put = (def: Json) => t.demo.call("PUT", `/policies/${p.id}`, { policy: { scheduled_operations: [{ id: op, operation_definition: def }] } });
    assert.equal((await put({ max_backups: 5 })).status, 200);
    assert.equal((await storedRetention(p.id)).longTerm.monthBackups, 2);
    assert.equal((await put({ max_backups: 5, day_backups: 0, week_backups: 0, month_backups: 0, year_backups: 0 })).status, 200);
    assert.equal((await storedRetention(p.id)).longTerm, undefined);
  });

  it("refuses a count above 100, a count without timezone, and a timezone that is not UTC±HH:MM", async () => {
    const post = (def: Json) => t.demo.call("POST", "/policies", policyBody(t.cloud, { definition: { max_backups: 3, ...def } }));
    expectError(await post({ day_backups: 101, timezone: "UTC" }), 400, "CSBS.9001", /day_backups is 101; it must be 0 to 100/);
    expectError(await post({ week_backups: -1, timezone: "UTC" }), 400, "CSBS.9001", /week_backups is -1/);
    expectError(await post({ year_backups: 2 }), 400, "CSBS.9001", /timezone is required/);
    expectError(await post({ day_backups: 2, timezone: "Europe/Paris" }), 400, "CSBS.9001", /timezone is "Europe\/Paris"; it must be UTC±HH:MM/);
  });

  it("keeps after each run the newest backup and the newest of each of the last 2 weeks and months counted at UTC-05:30", async () => {
    // A run every day at 03:00 UTC (21:30 the day before at UTC-05:30) from Monday 7 January 2030, for 40 days.
    const p = await createPolicy(t.demo, {
      servers: ["web-010"], pattern: pattern("FREQ=DAILY;BYHOUR=3;BYMINUTE=0"),
      definition: { max_backups: 1, week_backups: 2, month_backups: 2, timezone: "UTC-05:30" },
    });
    await advance(t.cloud, 3600);
    const manual = await t.demo.call("POST", `/providers/${PROVIDER_ID}/checkpoints`, { checkpoint: { plan_id: p.id, parameters: {} } });
    assert.equal(manual.status, 200);
    await advance(t.cloud, 40 * DAY - 3600);
    const items = (await t.demo.call("GET", "/checkpoint_items?sort=created_at:asc")).body.checkpoint_items as Json[];
    const auto = items.filter((i) => i.resource_id === serverId(t.cloud, "web-010") && i.name.startsWith("autobk_")).map((i) => i.created_at);
    // The last run is 15 February 03:00 UTC (Thursday 14th, local). Local week 4-10 February ends with the run of
    // 11 February 03:00 UTC; local January ends with the run of 1 February 03:00 UTC.
    assert.deepEqual(auto, ["2030-02-01T03:00:00.000000", "2030-02-11T03:00:00.000000", "2030-02-15T03:00:00.000000"]);
    assert.equal(items.filter((i) => i.name.startsWith("manualbk_")).length, 1);
  });
});
