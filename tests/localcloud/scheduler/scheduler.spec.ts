import assert from "node:assert/strict";
import { startLocalCloud } from "../../../localcloud";
import { admin } from "../../support/cloud";
import {
  advance, createPolicy, type Json, type Mode, MONDAY, pattern, PROVIDER_ID, removeDir, serverId, session, settings, startCloud,
} from "../csbs/support/csbs-session";

const DAY = 86_400;
/** Mon/Thu 02:00 and 14:00 UTC over the 14 days from Monday 2030-01-07 00:00. */
const EXPECTED_TIMES = [
  "2030-01-07T02:00:00.000000", "2030-01-07T14:00:00.000000", "2030-01-10T02:00:00.000000", "2030-01-10T14:00:00.000000",
  "2030-01-14T02:00:00.000000", "2030-01-14T14:00:00.000000", "2030-01-17T02:00:00.000000", "2030-01-17T14:00:00.000000",
];

async function itemsOf(s: Awaited<ReturnType<typeof session>>, query = ""): Promise<Json[]> {
  const r = await s.call("GET", `/checkpoint_items?sort=created_at:asc${query}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.checkpoint_items;
}

function timesFor(items: Json[], server: string): string[] {
  return items.filter((i) => i.resource_id === server && i.name.startsWith("autobk_")).map((i) => i.created_at).sort();
}

for (const mode of ["in-memory", "persistent"] as Mode[]) {
  describe(`localcloud scheduler (${mode})`, function () {
    this.timeout(60_000);
    let cloud: Awaited<ReturnType<typeof startCloud>>;

    beforeEach(async () => {
      cloud = await startCloud(mode);
    });
    afterEach(async () => {
      await cloud.close();
      removeDir(cloud.stateDir);
    });

    it("makes exactly 8 autobk_ backups per server at Monday and Thursday 02:00 and 14:00 over 14 days, full first", async () => {
      const demo = await session(cloud);
      await createPolicy(demo, { servers: ["web-000", "web-001"], definition: { max_backups: -1 } });
      await advance(cloud, 14 * DAY);
      const items = await itemsOf(demo);
      for (const name of ["web-000", "web-001"]) {
        assert.deepEqual(timesFor(items, serverId(cloud, name)), EXPECTED_TIMES);
        const mine = items.filter((i) => i.resource_id === serverId(cloud, name));
        assert.deepEqual(mine.map((i) => i.extend_info.incremental), [false, true, true, true, true, true, true, true]);
        assert.ok(mine.every((i) => i.status === "available" && i.extend_info.auto_trigger === true));
      }
      assert.equal(items.length, 16);
    });

    it("keeps the newest 3 automatic backups per server with retention by count, and never prunes manual ones", async () => {
      const demo = await session(cloud);
      const p = await createPolicy(demo, { servers: ["web-000", "web-001"], definition: { max_backups: 3 } });
      await advance(cloud, 3600);
      const manual = await demo.call("POST", `/providers/${PROVIDER_ID}/checkpoints`, { checkpoint: { plan_id: p.id, parameters: {} } });
      assert.equal(manual.status, 200);
      await advance(cloud, 14 * DAY - 3600);
      const items = await itemsOf(demo);
      for (const name of ["web-000", "web-001"]) {
        assert.deepEqual(timesFor(items, serverId(cloud, name)), EXPECTED_TIMES.slice(5));
      }
      const manualItems = items.filter((i) => i.name.startsWith("manualbk_"));
      assert.equal(manualItems.length, 2);
      assert.ok(manualItems.every((i) => i.status === "available"));
    });

    it("deletes automatic backups older than the retention days at each run", async () => {
      const demo = await session(cloud);
      await createPolicy(demo, { servers: ["web-002"], definition: { retention_duration_days: 5 } });
      await advance(cloud, 14 * DAY);
      // last run Thu 17 14:00: everything created before Sat 12 14:00 is gone
      assert.deepEqual(timesFor(await itemsOf(demo), serverId(cloud, "web-002")), EXPECTED_TIMES.slice(4));
    });

    it("deletes as soon as either rule says so when both count and age are set", async () => {
      const demo = await session(cloud);
      await createPolicy(demo, { servers: ["web-003"], definition: { max_backups: 6, retention_duration_days: 5 } });
      await advance(cloud, 14 * DAY);
      assert.deepEqual(timesFor(await itemsOf(demo), serverId(cloud, "web-003")), EXPECTED_TIMES.slice(4));
    });

    it("keeps every backup of a permanent policy", async () => {
      const demo = await session(cloud);
      await createPolicy(demo, { servers: ["web-004"], definition: { max_backups: 1, permanent: true } });
      await advance(cloud, 14 * DAY);
      assert.deepEqual(timesFor(await itemsOf(demo), serverId(cloud, "web-004")), EXPECTED_TIMES);
    });

    it("makes no backups for a disabled policy, and runs again once it is enabled", async () => {
      const demo = await session(cloud);
      const p = await createPolicy(demo, { servers: ["web-005"], enabled: false });
      await advance(cloud, 7 * DAY);
      assert.equal((await itemsOf(demo)).length, 0);
      const op = p.scheduled_operations[0].id;
      assert.equal((await demo.call("PUT", `/policies/${p.id}`, { policy: { scheduled_operations: [{ id: op, enabled: true }] } })).status, 200);
      await advance(cloud, 7 * DAY);
      assert.deepEqual(timesFor(await itemsOf(demo), serverId(cloud, "web-005")), EXPECTED_TIMES.slice(4));
    });

    it("runs a DAILY INTERVAL=3 schedule every third day counted from the policy's creation day", async () => {
      const demo = await session(cloud);
      await createPolicy(demo, { servers: ["web-006"], pattern: pattern("FREQ=DAILY;INTERVAL=3;BYHOUR=6;BYMINUTE=30") });
      await advance(cloud, 10 * DAY);
      assert.deepEqual(timesFor(await itemsOf(demo), serverId(cloud, "web-006")), [
        "2030-01-07T06:30:00.000000", "2030-01-10T06:30:00.000000", "2030-01-13T06:30:00.000000", "2030-01-16T06:30:00.000000"]);
    });

    it("keeps at most 10 failed periodic backups", async () => {
      const demo = await session(cloud);
      await settings(cloud, { failResourceIds: [serverId(cloud, "web-007")] });
      await createPolicy(demo, { servers: ["web-007"], pattern: pattern("FREQ=DAILY;BYHOUR=1,13;BYMINUTE=0") });
      await advance(cloud, 7 * DAY);
      const failed = (await itemsOf(demo)).filter((i) => i.status === "error");
      assert.equal(failed.length, 10);
      assert.equal(failed[failed.length - 1].created_at, "2030-01-13T13:00:00.000000");
      assert.equal(failed[0].extend_info.fail_op, "backup");
    });

    it("records each scheduled run in the operation logs", async () => {
      const demo = await session(cloud);
      const p = await createPolicy(demo, { servers: ["web-008"] });
      await advance(cloud, 4 * DAY);
      const logs = await demo.call("GET", `/operation_logs?plan_id=${p.id}&operation_type=protect&sort=started_at:asc`);
      assert.deepEqual(logs.body.operation_logs.map((l: Json) => [l.started_at, l.status, l.scheduled_operation_id]),
        EXPECTED_TIMES.slice(0, 4).map((t) => [t, "available", p.scheduled_operations[0].id]));
    });
  });
}

describe("localcloud scheduler in real time", function () {
  this.timeout(30_000);

  it("runs a schedule when real time reaches it, without any clock call", async () => {
    const cloud = await startLocalCloud({ port: 0, clock: { start: "2030-01-07T01:59:58Z" } });
    try {
      const demo = await session(cloud);
      await createPolicy(demo, { servers: ["web-000"], pattern: pattern("FREQ=DAILY;BYHOUR=2;BYMINUTE=0") });
      let items: Json[] = [];
      for (let i = 0; i < 100 && items.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 200));
        items = await itemsOf(demo);
      }
      assert.deepEqual(items.map((x) => [x.name.slice(0, 7), x.created_at]), [["autobk_", "2030-01-07T02:00:00.000000"]]);
    } finally {
      await cloud.close();
    }
  });
});

describe("localcloud scheduler across a restart", function () {
  this.timeout(60_000);

  it("loses nothing and repeats nothing when the cloud restarts on its state directory in the middle", async () => {
    const first = await startCloud("persistent");
    const stateDir = first.stateDir as string;
    try {
      const demo = await session(first);
      await createPolicy(demo, { servers: ["web-000", "web-001"], definition: { max_backups: -1 } });
      await advance(first, 5 * DAY);
      const saved = (await admin<{ now: string }>(first, "GET", "/clock")).now;
      await first.close();

      const second = await startLocalCloud({ port: 0, stateDir, clock: { start: saved } });
      try {
        assert.ok(Math.abs(Date.parse((await admin<{ now: string }>(second, "GET", "/clock")).now) - Date.parse(saved)) < 60_000);
        const again = await session(second);
        assert.equal((await again.call("GET", "/policies")).body.policies.length, 1);
        await advance(second, 9 * DAY);
        const items = await itemsOf(again);
        for (const name of ["web-000", "web-001"]) assert.deepEqual(timesFor(items, serverId(second, name)), EXPECTED_TIMES);
      } finally {
        await second.close();
      }
    } finally {
      removeDir(stateDir);
    }
  });

  it("resumes from the saved clock when started without a clock option", async () => {
    const first = await startCloud("persistent");
    const stateDir = first.stateDir as string;
    try {
      await advance(first, 2 * DAY);
      await first.close();
      const second = await startLocalCloud({ port: 0, stateDir });
      try {
        const now = Date.parse((await admin<{ now: string }>(second, "GET", "/clock")).now);
        assert.ok(now >= Date.parse(MONDAY) + 2 * DAY * 1000 && now < Date.parse(MONDAY) + 3 * DAY * 1000);
      } finally {
        await second.close();
      }
    } finally {
      removeDir(stateDir);
    }
  });
});
