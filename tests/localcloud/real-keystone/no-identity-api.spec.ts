import assert from "node:assert/strict";
import { call, realKeystonePerSuite } from "./real-keystone-cloud";

describe("local cloud in real-Keystone mode: no identity API of its own", function () {
  this.timeout(300_000);
  const env = realKeystonePerSuite();

  it("answers 404 to a password login on /identity/v3/auth/tokens, even with fixture credentials", async () => {
    const r = await call("POST", `${env.cloud.url}/identity/v3/auth/tokens`, undefined, {
      auth: {
        identity: { methods: ["password"], password: { user: { name: "demo", domain: { name: "Default" }, password: "demo" } } },
        scope: { project: { name: "demo", domain: { name: "Default" } } },
      },
    });
    assert.equal(r.status, 404, JSON.stringify(r.body));
  });

  it("answers 404 to token validation and version discovery under /identity/v3", async () => {
    const demo = await env.ks.issueToken("demo", "demo", "demo");
    const validate = await fetch(`${env.cloud.url}/identity/v3/auth/tokens`, {
      headers: { "x-auth-token": demo.token, "x-subject-token": demo.token },
    });
    assert.equal(validate.status, 404);
    assert.equal((await call("GET", `${env.cloud.url}/identity/v3`)).status, 404);
  });
});
