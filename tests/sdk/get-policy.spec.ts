import * as assert from "node:assert/strict";
import { getPolicy } from "../../sdk/get-policy";
import { isOperationError } from "../../sdk/operation-error";
import { createPolicy, MO_TH_2_14, serverId } from "../localcloud/csbs/support/csbs-session";
import { caller, OS_INFRA, startKarborCloud } from "../localcloud/karbor/support/karbor-session";
import { demoOptions, lookupCloudPerTest } from "./lookup-cloud";

describe("getPolicy", function () {
  this.timeout(30_000);
  const ctx = lookupCloudPerTest();

  it("finds a policy by name and by id, with its schedule, retention, servers and enabled flag as the cloud holds them", async () => {
    await createPolicy(ctx.demo, { name: "other-policy" });
    const created = await createPolicy(ctx.demo, { name: "daily-web", servers: ["web-000", "web-001"], definition: { max_backups: "7", retention_duration_days: "-1", permanent: "False" } });
    const byName = await getPolicy({ name: "daily-web" }, ctx.options);
    assert.equal(byName.id, created.id);
    assert.equal(byName.pattern, MO_TH_2_14);
    assert.deepEqual(byName.retention, { maxBackups: 7, permanent: false });
    assert.deepEqual([...byName.serverIds].sort(), [serverId(ctx.cloud, "web-000"), serverId(ctx.cloud, "web-001")].sort());
    assert.equal(byName.enabled, true);
    assert.deepEqual(await getPolicy({ id: created.id }, ctx.options), byName);
  });

  it("fails for a name no policy has, naming the rule and the names that exist", async () => {
    await createPolicy(ctx.demo, { name: "nightly" });
    await assert.rejects(getPolicy({ name: "daily-web" }, ctx.options), (err: Error) => {
      assert.ok(isOperationError(err, "policy-not-found"), String(err));
      assert.match(err.message, /no policy with name "daily-web" in the project \(it has "nightly"\)/);
      return true;
    });
  });

  it("fails for an id no policy has", async () => {
    await assert.rejects(getPolicy({ id: "0b6c1c51-0000-4000-8000-000000000000" }, ctx.options),
      (err: Error) => isOperationError(err, "policy-not-found") && /id "0b6c1c51-0000-4000-8000-000000000000".*no policies/.test(err.message));
  });

  it("refuses neither or both of name and id", async () => {
    await assert.rejects(getPolicy({}, ctx.options), (err: Error) => isOperationError(err, "policy-lookup-args"));
    await assert.rejects(getPolicy({ name: "a", id: "b" }, ctx.options), (err: Error) => isOperationError(err, "policy-lookup-args") && /both/.test(err.message));
  });

  it("fails when several Karbor plans share the name, listing their ids", async () => {
    const cloud = await startKarborCloud();
    try {
      const demo = await caller(cloud);
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        const r = await demo.call("POST", "/plans", { plan: { name: "twin", provider_id: OS_INFRA, parameters: {},
          resources: [{ id: serverId(cloud, `web-00${i}`), type: "OS::Nova::Server", name: `web-00${i}` }] } });
        assert.equal(r.status, 200, r.text);
        ids.push(r.body.plan.id);
      }
      await assert.rejects(getPolicy({ name: "twin" }, demoOptions(cloud, { "csbs:api": "karbor" })), (err: Error) => {
        assert.ok(isOperationError(err, "policy-ambiguous"), String(err));
        for (const id of ids) assert.ok(err.message.includes(id), err.message);
        assert.match(err.message, /look the policy up by \{ id \}/);
        return true;
      });
    } finally {
      await cloud.close();
    }
  });
});
