import assert from "node:assert/strict";
import { call, realKeystonePerSuite, realLogin, tamper } from "./real-keystone-cloud";

describe("local cloud in real-Keystone mode: tokens the real Keystone does not vouch for", function () {
  this.timeout(300_000);
  const env = realKeystonePerSuite();

  it("refuses a token revoked in Keystone with 401, while another token of the same user still works", async () => {
    const doomed = await realLogin(env.ks, "demo", "demo", "demo");
    assert.equal((await call("GET", `${doomed.csbs}/policies`, doomed.token)).status, 200);
    await env.ks.revokeToken(doomed.token);
    const r = await call("GET", `${doomed.csbs}/policies`, doomed.token);
    assert.equal(r.status, 401, JSON.stringify(r.body));
    assert.equal((await call("GET", `${doomed.compute}/servers`, doomed.token)).status, 401);
    assert.equal((await call("GET", `${env.demo.csbs}/policies`, env.demo.token)).status, 200);
  });

  it("refuses a garbage token with 401 on CSBS and Nova", async () => {
    assert.equal((await call("GET", `${env.demo.csbs}/policies`, "not-a-token")).status, 401);
    assert.equal((await call("GET", `${env.demo.compute}/servers`, "gAAAAAB-garbage")).status, 401);
  });

  it("refuses a real token with one character changed in the middle with 401", async () => {
    const r = await call("GET", `${env.demo.csbs}/policies`, tamper(env.demo.token));
    assert.equal(r.status, 401, JSON.stringify(r.body));
  });

  it("refuses a request without a token with 401", async () => {
    assert.equal((await call("GET", `${env.demo.csbs}/policies`)).status, 401);
  });

  it("gives the cloud's own service user no access to the demo project (400 Malformed request url, as for any other project)", async () => {
    const svc = await env.ks.issueToken(env.ks.serviceUser.name, env.ks.serviceUser.password, env.ks.serviceUser.project);
    const r = await call("GET", `${env.demo.csbs}/policies`, svc.token);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.deepEqual(r.body, { error_code: "CSBS.9001", error_msg: "Malformed request url" });
  });
});
