import assert from "node:assert/strict";
import { ApiError } from "../../../provider/clients/api-error";
import type { HttpClient, HttpRequest, HttpResponse } from "../../../provider/clients/http";
import { authBody, issueToken, normalizeAuthUrl } from "../../../provider/clients/keystone";

describe("keystone", () => {
  describe("normalizeAuthUrl", () => {
    it("appends /v3 when missing and keeps it when present", () => {
      assert.equal(normalizeAuthUrl("https://k:5000"), "https://k:5000/v3");
      assert.equal(normalizeAuthUrl("https://k:5000/"), "https://k:5000/v3");
      assert.equal(normalizeAuthUrl("https://k/identity/v3/"), "https://k/identity/v3");
      assert.equal(normalizeAuthUrl("https://k/v2.0"), "https://k/v3");
    });
  });

  describe("authBody", () => {
    it("scopes a password by user name and domain to a project by name and domain", () => {
      assert.deepEqual(authBody({ identity: { method: "password", userName: "demo", userDomain: { name: "Default" }, password: "p" }, project: { name: "demo", domain: { id: "default" } } }), {
        auth: {
          identity: { methods: ["password"], password: { user: { name: "demo", domain: { name: "Default" }, password: "p" } } },
          scope: { project: { name: "demo", domain: { id: "default" } } },
        },
      });
    });

    it("sends a user id without a domain, and a project id", () => {
      const body = authBody({ identity: { method: "password", userId: "u1", password: "p" }, project: { id: "p1" } }) as { auth: { identity: { password: { user: unknown } }; scope: unknown } };
      assert.deepEqual(body.auth.identity.password.user, { id: "u1", password: "p" });
      assert.deepEqual(body.auth.scope, { project: { id: "p1" } });
    });

    it("never scopes an application credential, which is bound to its project already", () => {
      assert.deepEqual(authBody({ identity: { method: "application_credential", id: "ac", secret: "s" }, project: { id: "p1" } }), {
        auth: { identity: { methods: ["application_credential"], application_credential: { id: "ac", secret: "s" } } },
      });
    });

    it("names an application credential together with its user", () => {
      const body = authBody({ identity: { method: "application_credential", name: "ci", secret: "s", user: { name: "demo", domain: { name: "Default" } } } });
      assert.deepEqual(body, { auth: { identity: { methods: ["application_credential"], application_credential: { name: "ci", secret: "s", user: { name: "demo", domain: { name: "Default" } } } } } });
    });

    it("re-scopes an existing token", () => {
      assert.deepEqual(authBody({ identity: { method: "token", token: "t" }, project: { id: "p" } }), {
        auth: { identity: { methods: ["token"], token: { id: "t" } }, scope: { project: { id: "p" } } },
      });
    });
  });

  describe("issueToken", () => {
    const token = {
      methods: ["password"],
      user: { id: "u1", name: "demo", domain: { id: "default", name: "Default" } },
      project: { id: "p1", name: "demo", domain: { id: "default", name: "Default" } },
      roles: [{ id: "r1", name: "member" }],
      catalog: [{ type: "compute", endpoints: [{ interface: "public", region: "RegionOne", url: "http://c" }] }],
      expires_at: "2030-01-01T00:00:00.000000Z",
      issued_at: "2029-12-31T23:00:00.000000Z",
    };
    const fake = (answer: (req: HttpRequest) => HttpResponse | Error): { http: HttpClient; seen: HttpRequest[] } => {
      const seen: HttpRequest[] = [];
      return {
        seen,
        http: {
          request: async <T>(req: HttpRequest) => {
            seen.push(req);
            const a = answer(req);
            if (a instanceof Error) throw a;
            return a as HttpResponse<T>;
          },
        },
      };
    };

    it("posts to {authUrl}/v3/auth/tokens and returns the X-Subject-Token with the token's facts", async () => {
      const { http, seen } = fake(() => ({ status: 201, headers: { "x-subject-token": "tok" }, body: { token }, attempts: 1 }));
      const issued = await issueToken(http, "http://k/identity", { identity: { method: "password", userId: "u1", password: "pw" }, project: { id: "p1" } });
      assert.equal(seen[0].url, "http://k/identity/v3/auth/tokens");
      assert.equal(seen[0].idempotent, true);
      assert.deepEqual(seen[0].secrets, ["pw"]);
      assert.equal(issued.value, "tok");
      assert.equal(issued.projectId, "p1");
      assert.equal(issued.userId, "u1");
      assert.deepEqual(issued.roles, ["member"]);
      assert.equal(issued.expiresAt.toISOString(), "2030-01-01T00:00:00.000Z");
      assert.equal(issued.catalog.length, 1);
    });

    it("turns Keystone's 401 into an error naming the identity and what to check, never the password", async () => {
      const refusal = new ApiError({ status: 401, code: "Unauthorized", serviceMessage: "The request you have made requires authentication.", service: "Keystone", method: "POST", path: "/v3/auth/tokens", requestId: "req-9" });
      const { http } = fake(() => refusal);
      await assert.rejects(
        issueToken(http, "http://k", { identity: { method: "password", userName: "demo", userDomain: { name: "Default" }, password: "hunter22" }, project: { name: "demo", domain: { name: "Default" } } }),
        (err: ApiError) => {
          assert.equal(err.status, 401);
          assert.match(err.message, /^Keystone 401 Unauthorized on POST \/v3\/auth\/tokens: The request you have made requires authentication\. \(request req-9\); Keystone did not accept user "demo" in domain "Default" for project "demo"/);
          assert.doesNotMatch(err.message, /hunter22/);
          return true;
        },
      );
    });

    it("refuses an unscoped token, saying to set a project", async () => {
      const { http } = fake(() => ({ status: 201, headers: { "x-subject-token": "tok" }, body: { token: { ...token, project: undefined } }, attempts: 1 }));
      await assert.rejects(issueToken(http, "http://k", { identity: { method: "token", token: "t" } }), /not scoped to a project.*csbs:projectId/);
    });
  });
});
