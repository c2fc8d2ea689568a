/** Keystone self-service as the default policy allows it: one's own application credentials and project. */
import assert from "node:assert/strict";
import { cloudPerSuite } from "../cloud-per-suite";
import { request, tokenFor } from "../http";

describe("localcloud Keystone self-service", function () {
  this.timeout(30000);
  const ctx = cloudPerSuite();
  const userOf = (body: unknown) => (body as { token: { user: { id: string } } }).token.user.id;
  const create = (token: string, userId: string, body: unknown) =>
    request("POST", `${ctx.cloud.authUrl}/users/${userId}/application_credentials`, { token, body });

  it("creates the caller's own application credential (201, bound to the token's project and roles) that then logs in", async () => {
    const demo = await tokenFor(ctx.cloud, "demo", "demo", "demo");
    const r = await create(demo.token, userOf(demo.body), { application_credential: { name: "mine", secret: "s3cret-value" } });
    assert.equal(r.status, 201, r.text);
    const ac = (r.body as { application_credential: { id: string; secret: string; project_id: string; roles: Array<{ name: string }> } }).application_credential;
    assert.equal(ac.secret, "s3cret-value");
    assert.equal(ac.project_id, demo.projectId);
    assert.deepEqual(ac.roles.map((x) => x.name), ["member"]);
    const login = await request("POST", `${ctx.cloud.authUrl}/auth/tokens`, {
      body: { auth: { identity: { methods: ["application_credential"], application_credential: { id: ac.id, secret: ac.secret } } } },
    });
    assert.equal(login.status, 201, login.text);
    assert.equal(await create(demo.token, userOf(demo.body), { application_credential: { name: "mine" } }).then((x) => x.status), 409);
  });

  it("refuses a credential for another user, one made with an application-credential token, and a body without a name", async () => {
    const demo = await tokenFor(ctx.cloud, "demo", "demo", "demo");
    const other = await tokenFor(ctx.cloud, "other", "other", "other");
    assert.equal((await create(demo.token, userOf(other.body), { application_credential: { name: "theirs" } })).status, 403);
    assert.equal((await create(demo.token, userOf(demo.body), { application_credential: {} })).status, 400);
    const made = await create(demo.token, userOf(demo.body), { application_credential: { name: "parent" } });
    const ac = (made.body as { application_credential: { id: string; secret: string } }).application_credential;
    const login = await request("POST", `${ctx.cloud.authUrl}/auth/tokens`, {
      body: { auth: { identity: { methods: ["application_credential"], application_credential: { id: ac.id, secret: ac.secret } } } },
    });
    const acToken = String(login.headers["x-subject-token"]);
    assert.equal((await create(acToken, userOf(demo.body), { application_credential: { name: "child" } })).status, 403);
  });

  it("shows the token's own project and refuses any other (403)", async () => {
    const mine = await request("GET", `${ctx.cloud.authUrl}/projects/${ctx.demo.projectId}`, { token: ctx.demo.token });
    assert.equal(mine.status, 200);
    assert.equal((mine.body as { project: { name: string } }).project.name, "demo");
    const other = await tokenFor(ctx.cloud, "other", "other", "other");
    assert.equal((await request("GET", `${ctx.cloud.authUrl}/projects/${other.projectId}`, { token: ctx.demo.token })).status, 403);
    assert.equal((await request("GET", `${ctx.cloud.authUrl}/projects/${other.projectId}`)).status, 401);
  });
});
