/**
 * The clients against the real local cloud over real HTTP: Keystone, the shared-token session, CSBS, Nova
 * and Cinder, fault injection (retries and what is not repeated), token revocation, and TLS.
 */
import assert from "node:assert/strict";
import { ApiError } from "../../../provider/clients/api-error";
import { CinderClient, isSharedVolume } from "../../../provider/clients/cinder";
import { createHttpClient } from "../../../provider/clients/http";
import { CsbsClient } from "../../../provider/clients/csbs";
import { issueToken } from "../../../provider/clients/keystone";
import { NovaClient } from "../../../provider/clients/nova";
import { resetSessions, Session, sessionCounters } from "../../../provider/clients/session";
import { TransportError } from "../../../provider/clients/transport-error";
import { resolveSettings } from "../../../provider/config/resolve-settings";
import type { Settings } from "../../../provider/config/settings";
import { CSBS_PROVIDER_ID, type CsbsPolicyCreateBody } from "../../../provider/wire/csbs";
import { admin, startTestCloud, type TestCloud } from "../../support/cloud";

const PATTERN = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=2,14;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

function policyBody(name: string, servers: Array<{ id: string; name: string }> = []): CsbsPolicyCreateBody {
  return {
    policy: {
      name,
      description: "client test",
      provider_id: CSBS_PROVIDER_ID,
      parameters: { common: {} },
      resources: servers.map((s) => ({ id: s.id, name: s.name, type: "OS::Nova::Server" })),
      scheduled_operations: [{ enabled: true, operation_type: "backup", operation_definition: { max_backups: 7 }, trigger: { properties: { pattern: PATTERN } } }],
    },
  };
}

function settingsFor(cloud: TestCloud, extra: Record<string, string> = {}): Settings {
  const config: Record<string, string> = { "csbs:authUrl": cloud.authUrl, "csbs:userName": "demo", "csbs:password": "demo", "csbs:projectName": "demo", ...extra };
  return resolveSettings({ config: (k) => config[k], env: {} });
}

describe("clients against the local cloud", function () {
  this.timeout(60_000);
  let cloud: TestCloud;
  let session: Session;
  let csbs: CsbsClient;
  const servers = () => cloud.fixtures.projects.find((p) => p.name === "demo")!.servers;

  before(async () => {
    cloud = await startTestCloud();
  });
  after(async () => {
    resetSessions();
    await cloud?.close();
  });
  beforeEach(async () => {
    resetSessions();
    await admin(cloud, "DELETE", "/faults");
    session = new Session(settingsFor(cloud));
    csbs = new CsbsClient(session);
  });

  it("issues a project-scoped token with a catalog holding every service the provider calls", async () => {
    const token = await issueToken(createHttpClient(), cloud.url + "/identity", {
      identity: { method: "password", userName: "demo", userDomain: { name: "Default" }, password: "demo" },
      project: { name: "demo", domain: { name: "Default" } },
    });
    assert.equal(token.projectName, "demo");
    assert.ok(token.expiresAt.getTime() > Date.now());
    for (const type of ["identity", "compute", "volumev3", "data-protect"]) assert.ok(token.catalog.some((e) => e.type === type), type);
  });

  it("reports a wrong password as Keystone's 401 with what to check, and never the password", async () => {
    const bad = new Session(settingsFor(cloud, { "csbs:password": "wrong-password-123" }));
    await assert.rejects(bad.request("compute", "GET", "/servers"), (err: ApiError) => {
      assert.equal(err.status, 401);
      assert.equal(err.service, "Keystone");
      assert.match(err.message, /Keystone did not accept user "demo" in domain "Default" for project "demo"/);
      assert.match(err.message, /\(request req-/);
      assert.doesNotMatch(err.message, /wrong-password-123/);
      return true;
    });
  });

  it("authenticates with an application credential", async () => {
    const ac = await admin<{ application_credential: { id: string; secret: string } }>(cloud, "POST", "/app-credentials", { user: "demo", project: "demo" });
    const config: Record<string, string> = { "csbs:authUrl": cloud.authUrl, "csbs:applicationCredentialId": ac.application_credential.id, "csbs:applicationCredentialSecret": ac.application_credential.secret };
    const s = new Session(resolveSettings({ config: (k) => config[k], env: {} }));
    assert.equal((await s.token()).projectName, "demo");
    assert.ok(Array.isArray(await new CsbsClient(s).listPolicies()));
  });

  it("creates, reads, lists, updates, tags and deletes a policy, sharing one token", async () => {
    const [a, b] = servers();
    const created = await csbs.createPolicy(policyBody("client-crud", [a]));
    assert.equal(created.name, "client-crud");
    assert.deepEqual((await csbs.listPolicies({ name: "client-crud" })).map((p) => p.id), [created.id]);

    const updated = await csbs.updatePolicy(created.id, { policy: { resources: [a, b].map((s) => ({ id: s.id, name: s.name, type: "OS::Nova::Server" })) } });
    assert.deepEqual(updated.resources.map((r) => r.id).sort(), [a.id, b.id].sort());
    assert.deepEqual((await csbs.getPolicy(created.id))?.resources.length, 2);

    await csbs.setPolicyTags(created.id, { team: "web", env: "dev" });
    await csbs.setPolicyTags(created.id, { team: "db" });
    assert.deepEqual(await csbs.getPolicyTags(created.id), { team: "db" });

    assert.equal(await csbs.deletePolicy(created.id), true);
    assert.equal(await csbs.deletePolicy(created.id), false);
    assert.equal(await csbs.getPolicy(created.id), undefined);
    assert.equal(sessionCounters().tokensIssued, 1);
  });

  it("follows policies_links across pages", async () => {
    const ids = [];
    for (const n of [1, 2, 3]) ids.push((await csbs.createPolicy(policyBody(`client-page-${n}`))).id);
    try {
      const all = await csbs.listPolicies({ pageSize: 2 });
      for (const id of ids) assert.ok(all.some((p) => p.id === id), id);
      assert.equal(new Set(all.map((p) => p.id)).size, all.length);
    } finally {
      for (const id of ids) await csbs.deletePolicy(id);
    }
  });

  it("turns a refusal into an ApiError with the CSBS code and request id", async () => {
    const p = await csbs.createPolicy(policyBody("client-dup"));
    try {
      await assert.rejects(csbs.createPolicy(policyBody("client-dup")), (err: ApiError) => {
        assert.equal(err.status, 400);
        assert.equal(err.code, "CSBS.9007");
        assert.match(err.toString(), /^CSBS 400 CSBS\.9007 on POST \/policies: .+ \(request req-[0-9a-f-]+\)$/);
        return true;
      });
    } finally {
      await csbs.deletePolicy(p.id);
    }
  });

  it("reads quotas, including the policy quota", async () => {
    const quotas = await csbs.quotas();
    assert.equal(quotas.find((q) => q.type === "policies")?.quota, 32);
    assert.ok(quotas.some((q) => q.type === "backups"));
  });

  it("counts and lists the backups of a policy run", async () => {
    const [a, b] = servers().slice(10, 12);
    const p = await csbs.createPolicy(policyBody("client-backups", [a, b]));
    try {
      await session.request("data-protect", "POST", `/providers/${CSBS_PROVIDER_ID}/checkpoints`, {
        body: { checkpoint: { plan_id: p.id, parameters: { auto_trigger: false, resources: [a.id, b.id] } } },
      });
      assert.equal(await csbs.countCheckpointItems({ policy_id: p.id }), 2);
      const items = await csbs.listCheckpointItems({ policy_id: p.id, resource_id: a.id });
      assert.deepEqual(items.map((i) => i.resource_id), [a.id]);
    } finally {
      await csbs.deletePolicy(p.id).catch(() => undefined);
    }
  });

  it("reads servers from Nova and the shared disk from Cinder", async () => {
    const nova = new NovaClient(session);
    const all = await nova.listServersDetail();
    assert.equal(all.length, servers().length);
    const shared = all.find((s) => s.name === "shared-0")!;
    assert.equal((await nova.getServer(shared.id))?.status, "ACTIVE");
    assert.equal(await nova.getServer("00000000-0000-4000-8000-000000000000"), undefined);
    const cinder = new CinderClient(session);
    const volumes = await Promise.all((shared["os-extended-volumes:volumes_attached"] ?? []).map((v) => cinder.getVolume(v.id)));
    assert.ok(volumes.some((v) => v !== undefined && isSharedVolume(v)));
    assert.equal(await cinder.getVolume("00000000-0000-4000-8000-000000000000"), undefined);
  });

  it("retries GETs through injected 503s and 429s with Retry-After", async () => {
    await admin(cloud, "POST", "/faults", { seed: 7, rules: [{ method: "GET", path: "/policies$", status: 503, retryAfter: 0, count: 2 }, { method: "GET", path: "/quotas$", status: 429, retryAfter: 0, count: 1 }] });
    await admin(cloud, "DELETE", "/requests");
    assert.ok(Array.isArray(await csbs.listPolicies()));
    assert.ok((await csbs.quotas()).length > 0);
    const log = await admin<{ requests: Array<{ method: string; path: string }> }>(cloud, "GET", "/requests");
    assert.equal(log.requests.filter((r) => r.method === "GET" && /\/policies$/.test(r.path)).length, 3);
    assert.equal(log.requests.filter((r) => /\/quotas$/.test(r.path)).length, 2);
  });

  it("does not repeat a create whose connection was reset, and says the outcome is unknown", async () => {
    await admin(cloud, "POST", "/faults", { seed: 1, rules: [{ method: "POST", path: "/policies$", reset: true, count: 1 }] });
    await session.token();
    await admin(cloud, "DELETE", "/requests");
    await assert.rejects(csbs.createPolicy(policyBody("client-reset")), (err: TransportError) => err instanceof TransportError && err.outcomeUnknown);
    const log = await admin<{ requests: Array<{ method: string; path: string }> }>(cloud, "GET", "/requests");
    assert.equal(log.requests.filter((r) => r.method === "POST" && /\/policies$/.test(r.path)).length, 1);
  });

  it("renews a revoked token once and completes the request", async () => {
    await session.token();
    await admin(cloud, "POST", "/tokens/revoke", { user: "demo", project: "demo" });
    assert.ok(Array.isArray(await csbs.listPolicies()));
    assert.equal(sessionCounters().renewalsAfter401, 1);
    assert.equal(sessionCounters().tokensIssued, 2);
  });
});

describe("clients against the local cloud over HTTPS", function () {
  this.timeout(60_000);
  let cloud: TestCloud;
  before(async () => {
    cloud = await startTestCloud({ tls: true, fixtures: { projects: [{ name: "demo", users: [{ name: "demo", password: "demo", roles: ["member"] }], servers: [] }] } });
  });
  after(async () => {
    resetSessions();
    await cloud?.close();
  });

  it("refuses the cloud's certificate without its CA, with the fix in the message", async () => {
    await assert.rejects(new Session(settingsFor(cloud)).token(), /TLS verification failed for https:\/\/127\.0\.0\.1:\d+: the certificate is signed by an unknown authority; set csbs:cacert \(or OS_CACERT\)/);
  });

  it("works with csbs:cacert and with csbs:insecure", async () => {
    assert.ok(cloud.caCertPath);
    assert.ok(Array.isArray(await new CsbsClient(new Session(settingsFor(cloud, { "csbs:cacert": cloud.caCertPath! }))).listPolicies()));
    resetSessions();
    assert.ok(Array.isArray(await new CsbsClient(new Session(settingsFor(cloud, { "csbs:insecure": "true" }))).listPolicies()));
  });
});
