import assert from "node:assert/strict";
import { call, policyBody, realKeystonePerSuite, realLogin } from "./real-keystone-cloud";

interface ServerList {
  servers: Array<{ id: string; name: string }>;
}
interface PolicyReply {
  policy: { id: string; name: string; project_id: string; resources: Array<{ id: string }> };
}
interface PolicyList {
  policies: Array<{ id: string; name: string }>;
}

describe("local cloud in real-Keystone mode: tokens from a real Keystone", function () {
  // The first use installs Debian's keystone packages (about 35 s) and every use starts Keystone (about 4 s).
  this.timeout(300_000);
  const env = realKeystonePerSuite();

  it("takes the service URLs of the token's catalog from the real Keystone, scoped to the real demo project id", () => {
    assert.equal(env.demo.projectId, env.ks.projects.demo);
    assert.equal(env.demo.compute, `${env.cloud.url}/compute/v2.1`);
    assert.equal(env.demo.csbs, `${env.cloud.url}/csbs/v1/${env.ks.projects.demo}`);
  });

  it("lists the demo fixture servers with a demo token, the fixture project adopted by name", async () => {
    const r = await call("GET", `${env.demo.compute}/servers`, env.demo.token);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const names = (r.body as ServerList).servers.map((s) => s.name);
    for (const n of ["web-000", "web-099", "db-0", "db-1", "broken-0", "shared-0"]) assert.ok(names.includes(n), `${n} missing in ${names.length} servers`);
    assert.equal(names.length, 104);
  });

  it("moves the demo project's RegionTwo servers along when it adopts the real project id: RegionTwo's Nova serves them", async () => {
    const r = await call("GET", `${env.cloud.url}/regions/RegionTwo/compute/v2.1/servers`, env.demo.token);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const names = (r.body as ServerList).servers.map((s) => s.name).sort();
    assert.deepEqual(names, Array.from({ length: 10 }, (_, i) => `r2-web-00${i}`));
  });

  it("shows no demo server to a member of the other project", async () => {
    const other = await realLogin(env.ks, "other", "other", "other");
    const r = await call("GET", `${other.compute}/servers`, other.token);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual((r.body as ServerList).servers, []);
  });

  it("creates, lists, shows and deletes a CSBS policy with a demo member token", async () => {
    const servers = ((await call("GET", `${env.demo.compute}/servers`, env.demo.token)).body as ServerList).servers;
    const web = servers.find((s) => s.name === "web-000");
    assert.ok(web, "web-000 is a demo fixture server");

    const created = await call("POST", `${env.demo.csbs}/policies`, env.demo.token, policyBody("rk-accepted", [web]));
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const policy = (created.body as PolicyReply).policy;
    assert.equal(policy.project_id, env.ks.projects.demo);
    assert.deepEqual(policy.resources.map((r) => r.id), [web.id]);

    const listed = await call("GET", `${env.demo.csbs}/policies?name=rk-accepted`, env.demo.token);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.deepEqual((listed.body as PolicyList).policies.map((p) => p.id), [policy.id]);

    const shown = await call("GET", `${env.demo.csbs}/policies/${policy.id}`, env.demo.token);
    assert.equal(shown.status, 200, JSON.stringify(shown.body));
    assert.equal((shown.body as PolicyReply).policy.name, "rk-accepted");

    const deleted = await call("DELETE", `${env.demo.csbs}/policies/${policy.id}`, env.demo.token);
    assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
    const after = await call("GET", `${env.demo.csbs}/policies/${policy.id}`, env.demo.token);
    assert.equal(after.status, 404, JSON.stringify(after.body));
  });

  it("lets a reader token of the real Keystone read policies", async () => {
    const reader = await realLogin(env.ks, "demo-reader", "demo", "demo");
    const r = await call("GET", `${reader.csbs}/policies`, reader.token);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok(Array.isArray((r.body as PolicyList).policies));
  });
});
