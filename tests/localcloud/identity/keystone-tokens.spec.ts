import assert from "node:assert/strict";
import { startTestCloud, type TestCloud } from "../../support/cloud";
import { adminCall, passwordAuth, request, tokenFor } from "../http";

interface TokenBody {
  token: {
    methods: string[];
    user: { id: string; name: string; domain: { id: string; name: string } };
    project?: { id: string; name: string; domain: { id: string; name: string } };
    roles?: Array<{ id: string; name: string }>;
    catalog?: Array<{ type: string; name: string; endpoints: Array<{ id: string; interface: string; region: string; region_id: string; url: string }> }>;
    expires_at: string;
    issued_at: string;
    audit_ids: string[];
    application_credential?: { id: string };
  };
}

const UNAUTHORIZED = { error: { code: 401, message: "The request you have made requires authentication.", title: "Unauthorized" } };
const DEMO_SCOPE = { project: { name: "demo", domain: { name: "Default" } } };

describe("localcloud built-in Keystone: POST /identity/v3/auth/tokens", function () {
  this.timeout(20000);
  let cloud: TestCloud;
  before(async () => {
    cloud = await startTestCloud({ tokenTtlSeconds: 600 });
  });
  after(async () => cloud?.close());

  const issue = (body: unknown) => request("POST", `${cloud.authUrl}/auth/tokens`, { body });

  it("issues a project-scoped token by user name + domain name: 201, X-Subject-Token, full token body", async () => {
    const r = await issue(passwordAuth("demo", "demo", DEMO_SCOPE));
    assert.equal(r.status, 201, r.text);
    const subject = r.headers["x-subject-token"];
    assert.ok(typeof subject === "string" && subject.length >= 32);
    assert.ok(!/^eyJ/.test(subject), "tokens are opaque, not JWTs");
    const t = (r.body as TokenBody).token;
    assert.deepEqual(t.methods, ["password"]);
    assert.equal(t.user.name, "demo");
    assert.deepEqual(t.user.domain, { id: "default", name: "Default" });
    assert.equal(t.project?.name, "demo");
    assert.match(t.project!.id, /^[0-9a-f]{32}$/);
    assert.deepEqual(t.roles?.map((x) => x.name), ["member", "reader"]);
    assert.match(t.expires_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const ttl = (Date.parse(t.expires_at) - Date.parse(t.issued_at)) / 1000;
    assert.ok(Math.abs(ttl - 600) < 2, `the token lives tokenTtlSeconds (got ${ttl})`);
    assert.equal(t.audit_ids.length, 1);
  });

  it("puts identity, compute, volumev3, image and data-protect in the catalog, in RegionOne and RegionTwo with three interfaces each", async () => {
    const r = await issue(passwordAuth("demo", "demo", DEMO_SCOPE));
    const t = (r.body as TokenBody).token;
    const byType = new Map(t.catalog!.map((c) => [c.type, c]));
    assert.deepEqual([...byType.keys()].sort(), ["compute", "data-protect", "identity", "image", "volumev3"]);
    const pid = t.project!.id;
    const expected: Record<string, string> = {
      identity: `${cloud.url}/identity/v3`,
      compute: `${cloud.url}/compute/v2.1`,
      volumev3: `${cloud.url}/volume/v3/${pid}`,
      "data-protect": `${cloud.url}/csbs/v1/${pid}`,
    };
    for (const [type, url] of Object.entries(expected)) {
      const all = byType.get(type)!.endpoints;
      assert.deepEqual([...new Set(all.map((e) => e.region))], ["RegionOne", "RegionTwo"], `${type}: RegionOne first`);
      for (const region of ["RegionOne", "RegionTwo"]) {
        const eps = all.filter((e) => e.region === region);
        assert.deepEqual(eps.map((e) => e.interface).sort(), ["admin", "internal", "public"], type);
        // Keystone is one; every other service has its own endpoints per region.
        const expectedUrl = region === "RegionOne" || type === "identity" ? url : url.replace(cloud.url, `${cloud.url}/regions/RegionTwo`);
        for (const e of eps) {
          assert.equal(e.url, expectedUrl, `${type} in ${region}`);
          assert.equal(e.region_id, region);
        }
      }
    }
    assert.equal(new Set(t.catalog!.flatMap((c) => c.endpoints.map((e) => e.id))).size, t.catalog!.length * 6, "endpoint ids are unique");
  });

  it("points data-protect at Karbor for a project created with api karbor", async () => {
    await adminCall(cloud, "POST", "/fixtures", { projects: [{ name: "kproj", api: "karbor", users: [{ name: "kuser", password: "kpass", roles: ["member"] }] }] });
    const { body, projectId } = await tokenFor(cloud, "kuser", "kpass", "kproj");
    const dp = (body as TokenBody).token.catalog!.find((c) => c.type === "data-protect")!;
    assert.equal(dp.endpoints[0]!.url, `${cloud.url}/karbor/v1/${projectId}`);
  });

  it("logs in by user id and scopes by project id", async () => {
    const first = (await issue(passwordAuth("demo", "demo", DEMO_SCOPE))).body as TokenBody;
    const r = await issue({
      auth: {
        identity: { methods: ["password"], password: { user: { id: first.token.user.id, password: "demo" } } },
        scope: { project: { id: first.token.project!.id } },
      },
    });
    assert.equal(r.status, 201, r.text);
    assert.equal((r.body as TokenBody).token.project?.id, first.token.project!.id);
  });

  it("accepts the domain by id as well as by name", async () => {
    const r = await issue({
      auth: {
        identity: { methods: ["password"], password: { user: { name: "demo", domain: { id: "default" }, password: "demo" } } },
        scope: { project: { name: "demo", domain: { id: "default" } } },
      },
    });
    assert.equal(r.status, 201, r.text);
  });

  it("scopes an unscoped request to the user's default project", async () => {
    const r = await issue(passwordAuth("other", "other"));
    assert.equal(r.status, 201, r.text);
    assert.equal((r.body as TokenBody).token.project?.name, "other");
  });

  it("issues a token without project or catalog for an explicit unscoped request", async () => {
    const r = await issue(passwordAuth("demo", "demo", "unscoped"));
    assert.equal(r.status, 201, r.text);
    assert.equal((r.body as TokenBody).token.project, undefined);
    assert.equal((r.body as TokenBody).token.catalog, undefined);
    const svc = await request("GET", `${cloud.url}/compute/v2.1/servers`, { token: String(r.headers["x-subject-token"]) });
    assert.equal(svc.status, 401, "services need a project-scoped token");
  });

  it("answers Keystone's exact 401 body for a wrong password, an unknown user and an unknown domain", async () => {
    for (const body of [
      passwordAuth("demo", "wrong", DEMO_SCOPE),
      passwordAuth("nobody", "demo", DEMO_SCOPE),
      { auth: { identity: { methods: ["password"], password: { user: { name: "demo", domain: { name: "Nope" }, password: "demo" } } } } },
    ]) {
      const r = await issue(body);
      assert.equal(r.status, 401, r.text);
      assert.deepEqual(r.body, UNAUTHORIZED);
      assert.equal(r.headers["x-subject-token"], undefined);
    }
  });

  it("answers 401 for a project the user has no role on, or that does not exist", async () => {
    for (const scope of [{ project: { name: "other", domain: { name: "Default" } } }, { project: { id: "0".repeat(32) } }]) {
      const r = await issue(passwordAuth("demo", "demo", scope));
      assert.equal(r.status, 401, r.text);
      assert.deepEqual(r.body, UNAUTHORIZED);
    }
  });

  it("answers 400 for a body without auth.identity", async () => {
    const r = await issue({ auth: {} });
    assert.equal(r.status, 400);
    assert.equal((r.body as { error: { title: string } }).error.title, "Bad Request");
    assert.match((r.body as { error: { message: string } }).error.message, /identity/);
  });

  it("re-scopes with the token method, keeping the original expiry", async () => {
    const admin = await issue(passwordAuth("admin", "admin", DEMO_SCOPE));
    const original = admin.body as TokenBody;
    const r = await issue({
      auth: { identity: { methods: ["token"], token: { id: String(admin.headers["x-subject-token"]) } }, scope: { project: { id: original.token.project!.id } } },
    });
    assert.equal(r.status, 201, r.text);
    const t = (r.body as TokenBody).token;
    assert.deepEqual(t.methods.sort(), ["password", "token"]);
    assert.equal(t.expires_at, original.token.expires_at);
    assert.deepEqual(t.roles?.map((x) => x.name), ["admin", "member", "reader"]);
  });

  it("refuses the token method with a bad token (401)", async () => {
    const r = await issue({ auth: { identity: { methods: ["token"], token: { id: "nope" } } } });
    assert.equal(r.status, 401);
    assert.deepEqual(r.body, UNAUTHORIZED);
  });

  it("authenticates an application credential created by the admin API (id + secret), scoped to its project", async () => {
    const created = await adminCall<{ application_credential: { id: string; secret: string; project_id: string } }>(cloud, "POST", "/app-credentials", {
      user: "demo",
      name: "ci",
    });
    const ac = created.application_credential;
    assert.match(ac.secret, /.{16,}/);
    const r = await issue({ auth: { identity: { methods: ["application_credential"], application_credential: { id: ac.id, secret: ac.secret } } } });
    assert.equal(r.status, 201, r.text);
    const t = (r.body as TokenBody).token;
    assert.deepEqual(t.methods, ["application_credential"]);
    assert.equal(t.project?.id, ac.project_id);
    assert.equal(t.application_credential?.id, ac.id);
    const svc = await request("GET", `${cloud.url}/compute/v2.1/servers?limit=1`, { token: String(r.headers["x-subject-token"]) });
    assert.equal(svc.status, 200);
  });

  it("authenticates an application credential from fixtures by name + user, and refuses a wrong secret or an explicit scope", async () => {
    await adminCall(cloud, "POST", "/fixtures", {
      projects: [{ name: "demo", users: [{ name: "demo", password: "demo", applicationCredentials: [{ name: "fixture-ac", secret: "s3cret-s3cret" }] }] }],
    });
    const byName = (secret: string, scope?: unknown) =>
      issue({
        auth: {
          identity: {
            methods: ["application_credential"],
            application_credential: { name: "fixture-ac", secret, user: { name: "demo", domain: { name: "Default" } } },
          },
          ...(scope ? { scope } : {}),
        },
      });
    assert.equal((await byName("s3cret-s3cret")).status, 201);
    const wrong = await byName("wrong-secret");
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, UNAUTHORIZED);
    const scoped = await byName("s3cret-s3cret", DEMO_SCOPE);
    assert.equal(scoped.status, 401);
    assert.match(JSON.stringify(scoped.body), /Application credentials cannot request a scope/);
  });
});
