import assert from "node:assert/strict";
import { call, policyBody, realKeystonePerSuite, realLogin, type Session } from "./real-keystone-cloud";

interface PolicyReply {
  policy: { id: string; name: string };
}
interface PolicyList {
  policies: Array<{ id: string; name: string }>;
}

describe("local cloud in real-Keystone mode: roles and projects come from the real Keystone", function () {
  this.timeout(300_000);
  const env = realKeystonePerSuite();
  let reader: Session;
  let other: Session;
  let otherPolicyId: string;

  before(async () => {
    reader = await realLogin(env.ks, "demo-reader", "demo", "demo");
    other = await realLogin(env.ks, "other", "other", "other");
    const created = await call("POST", `${other.csbs}/policies`, other.token, policyBody("rk-other-policy"));
    assert.equal(created.status, 200, JSON.stringify(created.body));
    otherPolicyId = (created.body as PolicyReply).policy.id;
  });

  async function otherPolicyName(): Promise<string> {
    const r = await call("GET", `${other.csbs}/policies/${otherPolicyId}`, other.token);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return (r.body as PolicyReply).policy.name;
  }

  it("refuses a policy create by a reader with 403 and creates nothing", async () => {
    const r = await call("POST", `${reader.csbs}/policies`, reader.token, policyBody("rk-reader-write"));
    assert.equal(r.status, 403, JSON.stringify(r.body));
    const listed = await call("GET", `${env.demo.csbs}/policies?name=rk-reader-write`, env.demo.token);
    assert.deepEqual((listed.body as PolicyList).policies, []);
  });

  it("answers 404 to a demo token showing, updating or deleting the other project's policy", async () => {
    const url = `${env.demo.csbs}/policies/${otherPolicyId}`;
    assert.equal((await call("GET", url, env.demo.token)).status, 404);
    assert.equal((await call("PUT", url, env.demo.token, { policy: { name: "rk-hijacked" } })).status, 404);
    assert.equal((await call("DELETE", url, env.demo.token)).status, 404);
    assert.equal(await otherPolicyName(), "rk-other-policy");
  });

  it("never lists the other project's policy to a demo token", async () => {
    const r = await call("GET", `${env.demo.csbs}/policies`, env.demo.token);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok(!(r.body as PolicyList).policies.some((p) => p.id === otherPolicyId));
  });

  // CSBS answers a path project other than the token's with 400 "Malformed request url" (csbs-api.md A.0).
  it("refuses a demo token on the other project's URL with 400 Malformed request url and leaves its policy alone", async () => {
    const r = await call("DELETE", `${other.csbs}/policies/${otherPolicyId}`, env.demo.token);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.deepEqual(r.body, { error_code: "CSBS.9001", error_msg: "Malformed request url" });
    assert.equal(await otherPolicyName(), "rk-other-policy");
  });
});
