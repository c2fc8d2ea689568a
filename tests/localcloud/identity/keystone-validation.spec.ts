import assert from "node:assert/strict";
import { ADMIN_HEADERS, startTestCloud, type TestCloud } from "../../support/cloud";
import { adminCall, request, tokenFor } from "../http";

const UNAUTHORIZED = { error: { code: 401, message: "The request you have made requires authentication.", title: "Unauthorized" } };
const FAILED = { error: { code: 404, message: "Failed to validate token", title: "Not Found" } };

describe("localcloud built-in Keystone: validation, revocation, catalog, projects, versions", function () {
  this.timeout(20000);
  let cloud: TestCloud;
  before(async () => {
    cloud = await startTestCloud();
  });
  after(async () => cloud?.close());

  const validate = (authToken: string | undefined, subject: string | undefined, method = "GET") =>
    request(method, `${cloud.authUrl}/auth/tokens`, {
      ...(authToken !== undefined ? { token: authToken } : {}),
      headers: subject !== undefined ? { "x-subject-token": subject } : {},
    });

  it("validates a token with GET /auth/tokens: 200, the token body and X-Subject-Token echoed", async () => {
    const { token, projectId } = await tokenFor(cloud, "demo", "demo", "demo");
    const r = await validate(token, token);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers["x-subject-token"], token);
    const t = (r.body as { token: { project: { id: string }; catalog?: unknown[] } }).token;
    assert.equal(t.project.id, projectId);
    assert.ok(Array.isArray(t.catalog));
    const nocatalog = await request("GET", `${cloud.authUrl}/auth/tokens?nocatalog`, { token, headers: { "x-subject-token": token } });
    assert.equal((nocatalog.body as { token: { catalog?: unknown } }).token.catalog, undefined);
  });

  it("answers HEAD /auth/tokens with 200 and no body for a valid token", async () => {
    const { token } = await tokenFor(cloud, "demo", "demo", "demo");
    const r = await validate(token, token, "HEAD");
    assert.equal(r.status, 200);
    assert.equal(r.text, "");
  });

  it("answers 404 Failed to validate token for an unknown or tampered subject token", async () => {
    const { token } = await tokenFor(cloud, "demo", "demo", "demo");
    const mid = Math.floor(token.length / 2);
    const tampered = token.slice(0, mid) + (token[mid] === "A" ? "B" : "A") + token.slice(mid + 1);
    for (const subject of ["garbage", tampered]) {
      const r = await validate(token, subject);
      assert.equal(r.status, 404);
      assert.deepEqual(r.body, FAILED);
    }
  });

  it("answers 404 No token in the request without X-Subject-Token", async () => {
    const { token } = await tokenFor(cloud, "demo", "demo", "demo");
    const r = await validate(token, undefined);
    assert.equal(r.status, 404);
    assert.equal((r.body as { error: { message: string } }).error.message, "No token in the request");
  });

  it("answers 401 when X-Auth-Token is missing or bad", async () => {
    const { token } = await tokenFor(cloud, "demo", "demo", "demo");
    for (const auth of [undefined, "bad"]) {
      const r = await validate(auth, token);
      assert.equal(r.status, 401);
      assert.deepEqual(r.body, UNAUTHORIZED);
    }
  });

  it("lets only the owner or an admin validate a token (403 otherwise)", async () => {
    const demo = await tokenFor(cloud, "demo", "demo", "demo");
    const other = await tokenFor(cloud, "other", "other", "other");
    const admin = await tokenFor(cloud, "admin", "admin", "demo");
    assert.equal((await validate(other.token, demo.token)).status, 403);
    assert.equal((await validate(admin.token, demo.token)).status, 200);
  });

  it("revokes with DELETE /auth/tokens (204): the token then fails validation and services; other tokens still work", async () => {
    const a = await tokenFor(cloud, "demo", "demo", "demo");
    const b = await tokenFor(cloud, "demo", "demo", "demo");
    const del = await request("DELETE", `${cloud.authUrl}/auth/tokens`, { token: b.token, headers: { "x-subject-token": a.token } });
    assert.equal(del.status, 204);
    assert.deepEqual(await validate(b.token, a.token).then((r) => r.body), FAILED);
    assert.equal((await request("GET", `${cloud.url}/compute/v2.1/servers?limit=1`, { token: a.token })).status, 401);
    assert.equal((await request("GET", `${cloud.url}/compute/v2.1/servers?limit=1`, { token: b.token })).status, 200);
    const again = await request("DELETE", `${cloud.authUrl}/auth/tokens`, { token: b.token, headers: { "x-subject-token": a.token } });
    assert.equal(again.status, 404);
  });

  it("revokes every token of a user through the admin API, optionally for one project only", async () => {
    const d1 = await tokenFor(cloud, "demo", "demo", "demo");
    const o1 = await tokenFor(cloud, "other", "other", "other");
    const r = await adminCall<{ revoked: number }>(cloud, "POST", "/tokens/revoke", { user: "demo", project: "demo" });
    assert.ok(r.revoked >= 1);
    assert.equal((await request("GET", `${cloud.url}/compute/v2.1/servers?limit=1`, { token: d1.token })).status, 401);
    assert.equal((await request("GET", `${cloud.url}/compute/v2.1/servers?limit=1`, { token: o1.token })).status, 200);
    const unknown = await request("POST", `${cloud.adminUrl}/tokens/revoke`, { headers: { ...ADMIN_HEADERS }, body: { user: "nobody" } });
    assert.equal(unknown.status, 404);
  });

  it("serves the caller's catalog at GET /auth/catalog", async () => {
    const { token, projectId } = await tokenFor(cloud, "demo", "demo", "demo");
    const r = await request("GET", `${cloud.authUrl}/auth/catalog`, { token });
    assert.equal(r.status, 200);
    const catalog = (r.body as { catalog: Array<{ type: string; endpoints: Array<{ url: string }> }> }).catalog;
    assert.equal(catalog.find((c) => c.type === "data-protect")?.endpoints[0]?.url, `${cloud.url}/csbs/v1/${projectId}`);
    assert.equal((await request("GET", `${cloud.authUrl}/auth/catalog`)).status, 401);
  });

  it("lists the projects the caller has roles on at GET /auth/projects", async () => {
    const { token } = await tokenFor(cloud, "demo", "demo", "demo");
    const r = await request("GET", `${cloud.authUrl}/auth/projects`, { token });
    assert.equal(r.status, 200);
    assert.deepEqual((r.body as { projects: Array<{ name: string; domain_id: string }> }).projects.map((p) => [p.name, p.domain_id]), [["demo", "default"]]);
  });

  it("serves the v3 version document and the version list (300) at /identity and /", async () => {
    const v3 = await request("GET", `${cloud.url}/identity/v3`);
    assert.equal(v3.status, 200);
    const version = (v3.body as { version: { id: string; status: string; links: Array<{ href: string }> } }).version;
    assert.equal(version.id, "v3.14");
    assert.equal(version.status, "stable");
    assert.equal(version.links[0]!.href, `${cloud.url}/identity/v3/`);
    for (const path of ["/identity", "/"]) {
      const r = await request("GET", `${cloud.url}${path}`);
      assert.equal(r.status, 300, path);
      assert.equal((r.body as { versions: { values: Array<{ id: string }> } }).versions.values[0]!.id, "v3.14");
    }
  });

  it("never shows a token, password hash or secret in the state dump", async () => {
    const { token } = await tokenFor(cloud, "demo", "demo", "demo");
    const r = await request("GET", `${cloud.adminUrl}/state`);
    assert.equal(r.status, 200);
    assert.ok(!r.text.includes(token));
    assert.ok(!/passwordHash|secretHash|scrypt\$/.test(r.text));
    assert.ok(!("tokens" in (r.body as { collections: object }).collections));
  });
});
