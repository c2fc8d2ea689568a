import assert from "node:assert/strict";
import fc from "fast-check";
import { cloudPerSuite } from "../cloud-per-suite";
import { request, requestOrDrop, tokenFor, type Reply } from "../http";

const REQUEST_ID = /^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("localcloud HTTP pipeline (in-memory cloud)", function () {
  this.timeout(30000);
  const ctx = cloudPerSuite();

  it("puts X-Openstack-Request-Id: req-<uuid> on successes and errors of every service", async () => {
    const replies = await Promise.all([
      request("GET", `${ctx.cloud.url}/identity/v3`),
      request("GET", `${ctx.cloud.url}/compute/v2.1/servers`, { token: ctx.demo.token }),
      request("GET", `${ctx.cloud.url}/compute/v2.1/servers/nope`, { token: ctx.demo.token }),
      request("GET", `${ctx.cloud.url}/volume/v3/${ctx.demo.projectId}/volumes`),
      request("GET", `${ctx.cloud.url}/csbs/v1/${ctx.demo.projectId}/policies`),
      request("GET", `${ctx.cloud.url}/no/such/thing`),
      request("GET", `${ctx.cloud.adminUrl}/clock`),
    ]);
    for (const r of replies) assert.match(String(r.headers["x-openstack-request-id"]), REQUEST_ID, r.text);
    const ids = new Set(replies.map((r) => r.headers["x-openstack-request-id"]));
    assert.equal(ids.size, replies.length, "every response has its own id");
  });

  it("answers an unknown path with 404 in the dialect of its service", async () => {
    const csbs = await request("GET", `${ctx.cloud.url}/csbs/v1/${ctx.demo.projectId}/nothing-here`, { token: ctx.demo.token });
    assert.equal(csbs.status, 404);
    assert.deepEqual(csbs.body, { error_code: "APIGW.0101", error_msg: "The API does not exist or has not been published in the environment" });
    const nova = await request("GET", `${ctx.cloud.url}/compute/v2.1/flavors`, { token: ctx.demo.token });
    assert.equal(nova.status, 404);
    assert.deepEqual(nova.body, { itemNotFound: { code: 404, message: "The resource could not be found." } });
    const ks = await request("GET", `${ctx.cloud.url}/identity/v3/users`);
    assert.equal(ks.status, 404);
    assert.deepEqual(ks.body, { error: { code: 404, message: "The resource could not be found.", title: "Not Found" } });
  });

  it("answers a wrong method with 405 and an Allow header", async () => {
    const r = await request("DELETE", `${ctx.cloud.url}/compute/v2.1/servers`, { token: ctx.demo.token });
    assert.equal(r.status, 405);
    assert.equal(r.headers.allow, "GET");
    assert.deepEqual(r.body, { badMethod: { code: 405, message: "The method is not allowed for the requested URL." } });
  });

  it("rejects malformed JSON with 400 in the service's dialect before any handler runs", async () => {
    const ks = await request("POST", `${ctx.cloud.authUrl}/auth/tokens`, { rawBody: '{"auth":', headers: { "content-type": "application/json" } });
    assert.equal(ks.status, 400);
    const err = (ks.body as { error: { code: number; title: string; message: string } }).error;
    assert.equal(err.code, 400);
    assert.equal(err.title, "Bad Request");
    assert.match(err.message, /not valid JSON/);
    const csbs = await request("POST", `${ctx.cloud.url}/csbs/v1/${ctx.demo.projectId}/policies`, { token: ctx.demo.token, rawBody: "{nope", headers: { "content-type": "application/json" } });
    assert.equal(csbs.status, 400);
    assert.equal((csbs.body as { error_code: string }).error_code, "CSBS.9001");
  });

  it("refuses a body over 1 MiB with 413", async () => {
    const big = JSON.stringify({ pad: "x".repeat(1024 * 1024 + 10) });
    const r = await request("POST", `${ctx.cloud.url}/csbs/v1/${ctx.demo.projectId}/policies`, { token: ctx.demo.token, rawBody: big, headers: { "content-type": "application/json" } });
    assert.equal(r.status, 413);
    assert.equal((r.body as { error_code: string }).error_code, "APIGW.0201");
  });

  it("answers 401 in each service's own format when the token is missing or unknown", async () => {
    const nova = await request("GET", `${ctx.cloud.url}/compute/v2.1/servers`);
    assert.equal(nova.status, 401);
    assert.deepEqual(nova.body, { unauthorized: { code: 401, message: "The request you have made requires authentication." } });
    const cinder = await request("GET", `${ctx.cloud.url}/volume/v3/${ctx.demo.projectId}/volumes`, { token: "bogus" });
    assert.equal(cinder.status, 401);
    assert.ok("unauthorized" in (cinder.body as object));
    const csbs = await request("GET", `${ctx.cloud.url}/csbs/v1/${ctx.demo.projectId}/policies`, { token: `${ctx.demo.token.slice(0, 10)}X${ctx.demo.token.slice(11)}` });
    assert.equal(csbs.status, 401);
    assert.equal((csbs.body as { error_code: string }).error_code, "APIGW.0301");
  });

  for (const [label, path, status] of [
    ["an encoded slash in an id", "/compute/v2.1/servers/a%2Fb", 404],
    ["an encoded ../ in an id", "/compute/v2.1/servers/..%2F..%2Fetc%2Fpasswd", 404],
    ["a literal .. segment", "/compute/v2.1/servers/..", 404],
    ["a 300-character id", `/compute/v2.1/servers/${"a".repeat(300)}`, 404],
    ["invalid UTF-8 in an id", "/compute/v2.1/servers/%C3%28", 400],
    ["a 5000-character path", `/compute/v2.1/servers/${"b".repeat(5000)}`, 400],
  ] as const) {
    it(`answers ${status} (never 5xx) to ${label}`, async () => {
      const r = await request("GET", `${ctx.cloud.url}${path}`, { token: ctx.demo.token });
      assert.equal(r.status, status, r.text);
      assert.ok(r.body && typeof r.body === "object", "the error has a JSON body");
    });
  }

  it("never answers 5xx to arbitrary ids, and keeps serving afterwards", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), fc.boolean(), async (s, encode) => {
        const seg = encode ? encodeURIComponent(s) : s.replace(/[^\x21-\x7e]/g, "%");
        const r = await request("GET", `${ctx.cloud.url}/compute/v2.1/servers/${seg || "x"}`, { token: ctx.demo.token });
        return r.status < 500;
      }),
      { numRuns: 150 },
    );
    const ok = await request("GET", `${ctx.cloud.url}/identity/v3`);
    assert.equal(ok.status, 200);
  });

  it("answers oversized headers with 431, a request id and a JSON body", async () => {
    // The server closes right after answering while the client may still be sending the header; the kernel
    // can then turn the close into a reset that eats the answer, so a few attempts are allowed.
    let reply: Reply | undefined;
    for (let i = 0; i < 5 && !reply; i++) {
      const r = await requestOrDrop("GET", `${ctx.cloud.url}/compute/v2.1/servers`, { token: ctx.demo.token, headers: { "x-padding": "a".repeat(20000) } });
      if (!("dropped" in r)) reply = r;
    }
    assert.ok(reply, "at least one attempt got an answer");
    assert.equal(reply.status, 431);
    assert.match(String(reply.headers["x-openstack-request-id"]), REQUEST_ID);
    assert.equal((reply.body as { error: { code: number } }).error.code, 431);
  });

  it("answers HEAD like GET without a body", async () => {
    const r = await request("HEAD", `${ctx.cloud.url}/identity/v3`);
    assert.equal(r.status, 200);
    assert.equal(r.text, "");
  });
});

describe("localcloud token expiry", function () {
  this.timeout(20000);
  const ctx = cloudPerSuite({ tokenTtlSeconds: 1 });

  it("refuses a token once its TTL has passed, on services (401) and on validation (404)", async () => {
    const { token } = await tokenFor(ctx.cloud, "demo", "demo", "demo");
    assert.equal((await request("GET", `${ctx.cloud.url}/compute/v2.1/servers`, { token })).status, 200);
    await new Promise((r) => setTimeout(r, 1300));
    const r = await request("GET", `${ctx.cloud.url}/compute/v2.1/servers`, { token });
    assert.equal(r.status, 401);
    const fresh = await tokenFor(ctx.cloud, "demo", "demo", "demo");
    const v = await request("GET", `${ctx.cloud.authUrl}/auth/tokens`, { token: fresh.token, headers: { "x-subject-token": token } });
    assert.equal(v.status, 404);
    assert.deepEqual(v.body, { error: { code: 404, message: "Failed to validate token", title: "Not Found" } });
  });
});
