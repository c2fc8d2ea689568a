import assert from "node:assert/strict";
import { ApiError } from "../../../provider/clients/api-error";
import type { HttpClient, HttpRequest, HttpResponse } from "../../../provider/clients/http";
import { queryString, resetSessions, Session, sessionCounters } from "../../../provider/clients/session";
import { providerRuntime } from "../../../provider/runtime/provider-runtime";
import type { Settings } from "../../../provider/config/settings";

const settings = (extra: Partial<Settings> = {}): Settings => ({
  authUrl: "http://cloud/identity/v3",
  api: "csbs",
  insecure: false,
  authMethod: "password",
  userName: "demo",
  userDomainName: "Default",
  password: "pw-demo",
  projectName: "demo",
  projectDomainName: "Default",
  origins: {},
  ...extra,
});

/** A scripted cloud: Keystone issues tok-1, tok-2, … valid for `ttlMs`; services answer 401 to revoked tokens. */
function fakeCloud(ttlMs = 3_600_000, now = () => new Date()) {
  const revoked = new Set<string>();
  const seen: HttpRequest[] = [];
  let issued = 0;
  let releaseIssue: (() => void) | undefined;
  const http: HttpClient = {
    async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
      seen.push(req);
      if (req.url.endsWith("/auth/tokens")) {
        await Promise.resolve();
        const value = `tok-${++issued}`;
        const token = {
          methods: ["password"],
          user: { id: "u1", name: "demo", domain: { id: "default", name: "Default" } },
          project: { id: "p1", name: "demo", domain: { id: "default", name: "Default" } },
          roles: [{ id: "r", name: "member" }],
          catalog: [
            { type: "data-protect", endpoints: [{ interface: "public" as const, region: "RegionOne", url: "http://cloud/csbs/v1/p1" }] },
            { type: "compute", endpoints: [{ interface: "public" as const, region: "RegionOne", url: "http://cloud/compute/v2.1" }] },
          ],
          expires_at: new Date(now().getTime() + ttlMs).toISOString(),
          issued_at: now().toISOString(),
        };
        releaseIssue?.();
        return { status: 201, headers: { "x-subject-token": value }, body: { token } as T, attempts: 1 };
      }
      const tok = req.headers?.["x-auth-token"] ?? "";
      if (revoked.has(tok)) throw new ApiError({ status: 401, serviceMessage: "token expired", service: req.service, method: req.method, path: req.path ?? "" });
      return { status: 200, headers: {}, body: { url: req.url, token: tok } as T, attempts: 1 };
    },
  };
  return { http, seen, revoked, issuedCount: () => issued, onIssue: (f: () => void) => (releaseIssue = f) };
}

describe("Session", () => {
  beforeEach(() => resetSessions());
  after(() => resetSessions());

  it("issues one token for many concurrent requests of one identity and project", async () => {
    const cloud = fakeCloud();
    const a = new Session(settings(), { http: cloud.http });
    const b = new Session(settings(), { http: cloud.http });
    await Promise.all([...Array(10)].map((_, i) => (i % 2 ? a : b).request("data-protect", "GET", "/policies")));
    assert.equal(cloud.issuedCount(), 1);
    assert.equal(sessionCounters().tokensIssued, 1);
    assert.equal(sessionCounters().requests, 10);
  });

  it("keeps separate tokens for different projects and different passwords", async () => {
    const cloud = fakeCloud();
    await new Session(settings(), { http: cloud.http }).request("compute", "GET", "/servers");
    await new Session(settings({ projectName: "other" }), { http: cloud.http }).request("compute", "GET", "/servers");
    await new Session(settings({ password: "pw-other" }), { http: cloud.http }).request("compute", "GET", "/servers");
    assert.equal(cloud.issuedCount(), 3);
  });

  it("adds the token and resolves the service URL from the catalog", async () => {
    const cloud = fakeCloud();
    const res = await new Session(settings(), { http: cloud.http }).request<{ url: string; token: string }>("data-protect", "GET", "/policies", { query: { name: "daily", limit: undefined } });
    assert.deepEqual(res.body, { url: "http://cloud/csbs/v1/p1/policies?name=daily", token: "tok-1" });
    assert.equal(cloud.seen[1].service, "CSBS");
    assert.deepEqual(cloud.seen[1].secrets, ["pw-demo", "tok-1"]);
  });

  it("uses the endpoint override with the project id filled in, and names the Karbor dialect", async () => {
    const cloud = fakeCloud();
    const s = new Session(settings({ endpoint: "http://other/karbor/v1/$(project_id)s/", api: "karbor" }), { http: cloud.http });
    const res = await s.request<{ url: string }>("data-protect", "GET", "/plans");
    assert.equal(res.body?.url, "http://other/karbor/v1/p1/plans");
    assert.equal(cloud.seen[1].service, "Karbor");
  });

  it("renews the token once after a 401 and repeats the request once", async () => {
    const cloud = fakeCloud();
    const s = new Session(settings(), { http: cloud.http });
    await s.request("compute", "GET", "/servers");
    cloud.revoked.add("tok-1");
    const res = await s.request<{ token: string }>("compute", "GET", "/servers");
    assert.equal(res.body?.token, "tok-2");
    assert.equal(sessionCounters().renewalsAfter401, 1);
  });

  it("gives up with the 401 when the renewed token is refused too", async () => {
    const cloud = fakeCloud();
    const s = new Session(settings(), { http: cloud.http });
    await s.request("compute", "GET", "/servers");
    cloud.revoked.add("tok-1");
    cloud.revoked.add("tok-2");
    await assert.rejects(s.request("compute", "GET", "/servers"), (err: ApiError) => err.status === 401);
    assert.equal(cloud.issuedCount(), 2);
  });

  it("renews when the token is within 60 s of expiry", async () => {
    let clock = new Date("2030-01-01T00:00:00Z");
    const cloud = fakeCloud(3_600_000, () => clock);
    const s = new Session(settings(), { http: cloud.http, now: () => clock });
    await s.token();
    clock = new Date(clock.getTime() + 3_600_000 - 120_000);
    assert.equal((await s.token()).value, "tok-1");
    clock = new Date(clock.getTime() + 90_000);
    assert.equal((await s.token()).value, "tok-2");
  });

  it("keeps using a short-lived token for most of its life instead of renewing it on every call", async () => {
    let clock = new Date("2030-01-01T00:00:00Z");
    const cloud = fakeCloud(60_000, () => clock);
    const s = new Session(settings(), { http: cloud.http, now: () => clock });
    await s.token();
    clock = new Date(clock.getTime() + 30_000);
    assert.equal((await s.token()).value, "tok-1");
    clock = new Date(clock.getTime() + 20_000);
    assert.equal((await s.token()).value, "tok-2");
  });

  it("keeps tokens in the process's runtime, keyed without the password, so a second copy of the module sees them", async () => {
    const cloud = fakeCloud();
    await new Session(settings(), { http: cloud.http }).token();
    const registry = providerRuntime().sessions;
    assert.equal(registry.tokens.size, 1);
    assert.doesNotMatch([...registry.tokens.keys()][0], /pw-demo/);
  });
});

describe("queryString", () => {
  it("leaves out undefined values and repeats array values", () => {
    assert.equal(queryString({ a: "1", b: undefined, c: ["x", "y"], d: true }), "?a=1&c=x&c=y&d=true");
    assert.equal(queryString({}), "");
  });
});
