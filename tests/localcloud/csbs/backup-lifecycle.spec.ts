import assert from "node:assert/strict";
import { advance, createPolicy, csbsCloudPerTest, type Json, PROVIDER_ID, serverId, type Session, settings } from "./support/csbs-session";

const P = `/providers/${PROVIDER_ID}`;

async function execute(s: Session, planId: string): Promise<string> {
  const r = await s.call("POST", `${P}/checkpoints`, { checkpoint: { plan_id: planId, parameters: {} } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.checkpoint.id;
}

async function items(s: Session, query = ""): Promise<Json[]> {
  return (await s.call("GET", `/checkpoint_items${query}`)).body.checkpoint_items;
}

describe("localcloud CSBS backup lifecycle knobs", function () {
  this.timeout(30_000);
  const ctx = csbsCloudPerTest("in-memory");

  it("keeps a backup protecting for protectSeconds of cloud time, then available", async () => {
    await settings(ctx.cloud, { protectSeconds: 300 });
    const p = await createPolicy(ctx.demo, { servers: ["web-000"] });
    const checkpoint = await execute(ctx.demo, p.id);
    assert.deepEqual((await items(ctx.demo, `?checkpoint_id=${checkpoint}`)).map((i) => i.status), ["protecting"]);
    await advance(ctx.cloud, 301);
    assert.deepEqual((await items(ctx.demo, `?checkpoint_id=${checkpoint}`)).map((i) => i.status), ["available"]);
  });

  it("fails the backup of a server listed in failReasons with that reason, in the item and in the job", async () => {
    const web1 = serverId(ctx.cloud, "web-001");
    await settings(ctx.cloud, { failReasons: { [web1]: "the disk snapshot timed out" } });
    const p = await createPolicy(ctx.demo, { servers: ["web-000", "web-001"] });
    const checkpoint = await execute(ctx.demo, p.id);
    const byServer = new Map((await items(ctx.demo, `?checkpoint_id=${checkpoint}`)).map((i) => [i.resource_id, i]));
    assert.equal(byServer.get(serverId(ctx.cloud, "web-000")).status, "available");
    const failed = byServer.get(web1);
    assert.equal(failed.status, "error");
    assert.equal(failed.extend_info.fail_reason, "the disk snapshot timed out");
    const logs = (await ctx.demo.call("GET", `/operation_logs?checkpoint_id=${checkpoint}`)).body.operation_logs;
    assert.equal(logs[0].status, "error");
    assert.match(JSON.parse(logs[0].error_info).message, /the disk snapshot timed out/);
  });

  it("leaves a new backup out of the list for listDelaySeconds, then lists it", async () => {
    await settings(ctx.cloud, { listDelaySeconds: 30 });
    const p = await createPolicy(ctx.demo, { servers: ["web-000"] });
    const checkpoint = await execute(ctx.demo, p.id);
    assert.deepEqual(await items(ctx.demo, `?checkpoint_id=${checkpoint}`), []);
    await advance(ctx.cloud, 31);
    assert.equal((await items(ctx.demo, `?checkpoint_id=${checkpoint}`)).length, 1);
  });

  it("sends average_speed and space_saving_ratio as floats", async () => {
    const p = await createPolicy(ctx.demo, { servers: ["web-000"] });
    const [item] = await items(ctx.demo, `?checkpoint_id=${await execute(ctx.demo, p.id)}`);
    assert.ok(!Number.isInteger(item.extend_info.average_speed), String(item.extend_info.average_speed));
    assert.ok(!Number.isInteger(item.extend_info.space_saving_ratio), String(item.extend_info.space_saving_ratio));
  });

  it("runs at most 5 deletions at a time: the others wait and start as slots free", async () => {
    await settings(ctx.cloud, { deleteSeconds: 60 });
    const p = await createPolicy(ctx.demo, { servers: ["web-000", "web-001", "web-002", "web-003", "web-004", "web-005", "web-006"] });
    const checkpoint = await execute(ctx.demo, p.id);
    assert.equal((await ctx.demo.call("DELETE", `${P}/checkpoints/${checkpoint}`)).status, 200);
    assert.equal((await items(ctx.demo, `?checkpoint_id=${checkpoint}`)).length, 7);
    await advance(ctx.cloud, 61);
    // The first five are gone; the two queued ones have only now started.
    const left = await items(ctx.demo, `?checkpoint_id=${checkpoint}`);
    assert.deepEqual(left.map((i) => i.status), ["deleting", "deleting"]);
    await advance(ctx.cloud, 61);
    assert.deepEqual(await items(ctx.demo, `?checkpoint_id=${checkpoint}`), []);
  });
});
