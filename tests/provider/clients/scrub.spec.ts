import assert from "node:assert/strict";
import { REDACTED, scrubPath, scrubSecrets } from "../../../provider/clients/scrub";

describe("scrubSecrets", () => {
  it("removes a known secret in plain, base64 and URL-encoded form", () => {
    const secret = "s3cr3t/pass word";
    const text = `a ${secret} b ${Buffer.from(secret).toString("base64")} c ${encodeURIComponent(secret)}`;
    const out = scrubSecrets(text, [secret]);
    assert.equal(out, `a ${REDACTED} b ${REDACTED} c ${REDACTED}`);
  });

  it("redacts password, secret and token values in echoed JSON bodies", () => {
    const body = '{"auth":{"identity":{"password":{"user":{"name":"demo","password":"hunter22"}}},"application_credential_secret":"abc"}}';
    const out = scrubSecrets(body);
    assert.doesNotMatch(out, /hunter22/);
    assert.doesNotMatch(out, /"abc"/);
    assert.match(out, /"name":"demo"/);
  });

  it("redacts header dumps and query strings carrying tokens", () => {
    assert.equal(scrubSecrets("X-Auth-Token: abcdef123"), `X-Auth-Token: ${REDACTED}`);
    assert.equal(scrubSecrets("url?token=abc&x=1"), `url?token=${REDACTED}&x=1`);
  });

  it("redacts Fernet-looking tokens but keeps uuids and plain names", () => {
    const fernet = "gAAAAABlZ2x2c3RvZnRvaGVyZV9pc19hX3Rva2VuX3dpdGhfbG90c19vZl9jaGFycw";
    const uuid = "3b2c1f8e-9a7d-4c1e-8f00-1234567890ab";
    const out = scrubSecrets(`token ${fernet} for server ${uuid} web-000`);
    assert.equal(out, `token ${REDACTED} for server ${uuid} web-000`);
  });

  it("keeps a message without secrets unchanged", () => {
    const m = "Server (3b2c1f8e-9a7d-4c1e-8f00-1234567890ab) is already in service.";
    assert.equal(scrubSecrets(m, ["hunter22"]), m);
  });

  it("does not replace every occurrence of a very short secret", () => {
    assert.equal(scrubSecrets("a policy", ["a"]), "a policy");
  });
});

describe("scrubPath", () => {
  it("keeps ordinary query parameters and redacts secret-looking ones", () => {
    assert.equal(scrubPath("/policies?name=daily&auth_token=xyz"), `/policies?name=daily&auth_token=${REDACTED}`);
  });

  it("leaves a path without a query alone", () => {
    assert.equal(scrubPath("/policies/3b2c"), "/policies/3b2c");
  });
});
