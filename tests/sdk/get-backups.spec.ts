import * as assert from "node:assert/strict";
import { getBackups } from "../../sdk/get-backups";
import { resetSessions } from "../../provider/clients/session";
import { admin } from "../support/cloud";
import { advance, createPolicy, type Json, PROVIDER_ID, serverId, settings } from "../localcloud/csbs/support/csbs-session";
import { lookupCloudPerTest, requestsTo } from "./lookup-cloud";

const P = `/providers/${PROVIDER_ID}`;

describe("getBackups", function () {
  this.timeout(60_000);
  const ctx = lookupCloudPerTest();
  let pA: string;
  let pB: string;

  // Eight backups: policy A run by hand (3 manual) at 00:00 and on schedule at 02:00 (3 automatic), policy B's
  // one server failing at 03:00 (1 manual, error), a one-off backup of web-004 (1 manual, no policy).
  beforeEach(async () => {
    pA = (await createPolicy(ctx.demo, { name: "policy-a", servers: ["web-000", "web-001", "web-002"] })).id;
    pB = (await createPolicy(ctx.demo, { name: "policy-b", servers: ["web-003"], enabled: false })).id;
    const run = async (plan: string) => assert.equal((await ctx.demo.call("POST", `${P}/checkpoints`, { checkpoint: { plan_id: plan, parameters: {} } })).status, 200);
    await run(pA);
    await advance(ctx.cloud, 3 * 3600);
    await settings(ctx.cloud, { failReasons: { [serverId(ctx.cloud, "web-003")]: "snapshot quota exceeded" } });
    await run(pB);
    const oneOff = await ctx.demo.call("POST", `${P}/resources/${serverId(ctx.cloud, "web-004")}/action`, { protect: { backup_name: "before-upgrade" } });
    assert.equal(oneOff.status, 200);
    await admin(ctx.cloud, "DELETE", "/requests");
    resetSessions();
  });

  async function pagesRead(): Promise<number> {
    return requestsTo(ctx.cloud, "GET", "/checkpoint_items");
  }

  it("reads every page: all eight backups in pages of two, newest first", async () => {
    const all = await getBackups({ pageSize: 2 }, ctx.options);
    assert.equal(all.length, 8);
    assert.ok(await pagesRead() >= 4, `pages read: ${await pagesRead()}`);
    const times = all.map((b) => b.createdAt);
    assert.deepEqual(times, [...times].sort().reverse());
  });

  it("filters by server across pages", async () => {
    const web0 = await getBackups({ serverId: serverId(ctx.cloud, "web-000"), pageSize: 1 }, ctx.options);
    assert.deepEqual(web0.map((b) => [b.serverName, b.kind]), [["web-000", "automatic"], ["web-000", "manual"]]);
    assert.ok(await pagesRead() >= 2);
  });

  it("filters by policy across pages", async () => {
    const ofA = await getBackups({ policyId: pA, pageSize: 2 }, ctx.options);
    assert.equal(ofA.length, 6);
    assert.ok(ofA.every((b) => b.policyId === pA));
    assert.ok(await pagesRead() >= 3);
  });

  it("filters by status and reports the service's reason for an error backup", async () => {
    const failed = await getBackups({ status: "error", pageSize: 1 }, ctx.options);
    assert.equal(failed.length, 1);
    assert.equal(failed[0].policyId, pB);
    assert.equal(failed[0].failReason, "snapshot quota exceeded");
  });

  it("filters by creation time (since) across pages", async () => {
    const recent = await getBackups({ since: "2030-01-07T01:00:00Z", pageSize: 2 }, ctx.options);
    assert.equal(recent.length, 5);
    assert.ok(recent.every((b) => b.createdAt >= "2030-01-07T01:00:00.000Z"));
    assert.ok(await pagesRead() >= 3);
  });

  it("filters by kind: scheduled backups are automatic, run-now and one-off backups manual", async () => {
    const automatic = await getBackups({ kind: "automatic", pageSize: 2 }, ctx.options);
    const manual = await getBackups({ kind: "manual", pageSize: 2 }, ctx.options);
    assert.equal(automatic.length, 3);
    assert.ok(automatic.every((b) => b.policyId === pA && b.createdAt === "2030-01-07T02:00:00.000Z"));
    assert.equal(manual.length, 5);
    assert.ok(manual.some((b) => b.name === "before-upgrade" && b.policyId === undefined));
    // The service has no kind filter: both lookups read all eight backups, four pages each.
    assert.ok(await pagesRead() >= 8, `pages read: ${await pagesRead()}`);
  });

  it("decodes the numbers the service sends as floats or strings", async () => {
    const [one] = await getBackups({ serverId: serverId(ctx.cloud, "web-004") }, ctx.options);
    const raw: Json = (await ctx.demo.call("GET", `/checkpoint_items/${one.id}`)).body.checkpoint_item;
    assert.equal(one.averageSpeed, raw.extend_info.average_speed);
    assert.equal(one.spaceSavingRatio, raw.extend_info.space_saving_ratio);
    assert.ok(!Number.isInteger(one.averageSpeed));
    assert.equal(one.sizeMb, raw.extend_info.size);
    assert.deepEqual(one.volumeBackups.map((v) => [v.sizeGb, v.bootable]), [[40, true]]);
  });
});
