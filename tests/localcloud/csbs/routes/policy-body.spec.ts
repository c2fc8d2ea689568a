/** Request bodies the CSBS API reference refuses are refused with 400 CSBS.9001, and change nothing. */
import assert from "node:assert/strict";
import { createPolicy, csbsCloudPerTest, expectError, policyBody, serverId } from "../support/csbs-session";

describe("localcloud CSBS refuses the policy bodies the API reference refuses", function () {
  this.timeout(30000);
  const ctx = csbsCloudPerTest("in-memory");
  const count = async () => ((await ctx.demo.call("GET", "/policies")).body.policies as unknown[]).length;

  it("refuses a create without parameters", async () => {
    const body = policyBody(ctx.cloud);
    delete body.policy.parameters;
    expectError(await ctx.demo.call("POST", "/policies", body), 400, "CSBS.9001", /parameters is required/);
    assert.equal(await count(), 0);
  });

  it("refuses resources without type or without name, on create and on update", async () => {
    const id = serverId(ctx.cloud, "web-000");
    for (const resource of [{ id, name: "web-000" }, { id, type: "OS::Nova::Server" }]) {
      const body = policyBody(ctx.cloud);
      body.policy.resources = [resource];
      expectError(await ctx.demo.call("POST", "/policies", body), 400, "CSBS.9001", /resources\[0\]\.(type|name) is missing; it is required/);
    }
    const policy = await createPolicy(ctx.demo);
    expectError(await ctx.demo.call("PUT", `/policies/${policy.id}`, { policy: { resources: [{ id }] } }), 400, "CSBS.9001", /resources\[0\]\.type/);
    assert.deepEqual((await ctx.demo.call("GET", `/policies/${policy.id}`)).body.policy.resources, []);
  });

  it("refuses an update with an unknown key or with nothing in it", async () => {
    const policy = await createPolicy(ctx.demo);
    expectError(await ctx.demo.call("PUT", `/policies/${policy.id}`, { policy: {} }), 400, "CSBS.9001", /changes nothing/);
    expectError(await ctx.demo.call("PUT", `/policies/${policy.id}`, { policy: { name: "renamed", tags: [{ key: "a", value: "b" }] } }), 400, "CSBS.9001", /policy\.tags cannot be updated/);
    assert.equal((await ctx.demo.call("GET", `/policies/${policy.id}`)).body.policy.name, policy.name);
  });
});
