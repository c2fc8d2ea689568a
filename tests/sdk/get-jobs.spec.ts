import * as assert from "node:assert/strict";
import { getJobs } from "../../sdk/get-jobs";
import { advance, createPolicy, PROVIDER_ID, serverId, settings } from "../localcloud/csbs/support/csbs-session";
import { lookupCloudPerTest } from "./lookup-cloud";

describe("getJobs", function () {
  this.timeout(60_000);
  const ctx = lookupCloudPerTest();

  it("lists backup jobs with their state and reason, filtered by status, server, policy and start time", async () => {
    const web1 = serverId(ctx.cloud, "web-001");
    await settings(ctx.cloud, { failReasons: { [web1]: "no space left in the bank" } });
    const a = await createPolicy(ctx.demo, { name: "a", servers: ["web-000"] });
    const b = await createPolicy(ctx.demo, { name: "b", servers: ["web-001"] });
    const run = async (id: string) => assert.equal((await ctx.demo.call("POST", `/providers/${PROVIDER_ID}/checkpoints`, { checkpoint: { plan_id: id, parameters: {} } })).status, 200);
    await run(a.id);
    await advance(ctx.cloud, 3600);
    await run(b.id);
    await advance(ctx.cloud, 1);

    const all = await getJobs({}, ctx.options);
    assert.deepEqual(all.map((j) => [j.type, j.policyId, j.state]), [["backup", b.id, "failed"], ["backup", a.id, "succeeded"]]);
    const [failed] = await getJobs({ status: "failed" }, ctx.options);
    assert.equal(failed.reason, "no space left in the bank");
    assert.equal(failed.errorCode, "CSBS.9999");
    assert.deepEqual(failed.serverIds, [web1]);
    assert.deepEqual((await getJobs({ serverId: serverId(ctx.cloud, "web-000") }, ctx.options)).map((j) => j.policyId), [a.id]);
    assert.deepEqual((await getJobs({ policyId: a.id }, ctx.options)).map((j) => j.state), ["succeeded"]);
    assert.deepEqual((await getJobs({ since: "2030-01-07T00:30:00Z" }, ctx.options)).map((j) => j.policyId), [b.id]);
    assert.deepEqual(await getJobs({ status: "running" }, ctx.options), []);
  });
});
