/** The CSBS backend against the local cloud over real HTTP: one create, lost answers, eventual states. */
import assert from "node:assert/strict";
import { CsbsBackend, type CsbsBackendTimings } from "../../../provider/backends/csbs-backend";
import { PolicyUnusableError, type PolicySpec } from "../../../provider/backends/policy-backend";
import { CsbsClient } from "../../../provider/clients/csbs";
import { resetSessions, Session } from "../../../provider/clients/session";
import { resolveSettings } from "../../../provider/config/resolve-settings";
import { admin, login, startTestCloud, type TestCloud } from "../../support/cloud";

const PATTERN = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=2,14;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
const FAST: CsbsBackendTimings = {
  usable: { initialDelayMs: 100, maxDelayMs: 500, timeoutMs: 30_000 },
  deleteConflict: { initialDelayMs: 200, maxDelayMs: 1_000, timeoutMs: 30_000 },
  createRetry: { initialDelayMs: 50, maxDelayMs: 200, timeoutMs: 5_000 },
};

function spec(extra: Partial<PolicySpec> = {}): PolicySpec {
  return { name: "daily-web", description: "web tier", enabled: true, pattern: PATTERN, retention: { maxBackups: 7 }, tags: { team: "web" }, ...extra };
}

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  faulted?: string;
}

describe("CSBS backend against the local cloud", function () {
  this.timeout(60_000);
  let cloud: TestCloud;
  let backend: CsbsBackend;
  let web: Array<{ id: string; name: string }>;

  beforeEach(async () => {
    resetSessions();
    cloud = await startTestCloud();
    web = cloud.fixtures.projects.find((p) => p.name === "demo")!.servers.filter((s) => s.name.startsWith("web-"));
    const config: Record<string, string> = { "csbs:authUrl": cloud.authUrl, "csbs:userName": "demo", "csbs:password": "demo", "csbs:projectName": "demo" };
    const settings = resolveSettings({ config: (k) => config[k], env: {} });
    const names = new Map(web.map((s) => [s.id, s.name]));
    backend = new CsbsBackend(new CsbsClient(new Session(settings)), async (id) => names.get(id) ?? id, FAST);
  });
  afterEach(async () => {
    resetSessions();
    await cloud.close();
  });

  async function requests(method: string, pathPattern: RegExp): Promise<LoggedRequest[]> {
    const { requests: all } = await admin<{ requests: LoggedRequest[] }>(cloud, "GET", "/requests");
    return all.filter((r) => r.method === method && pathPattern.test(r.path));
  }

  it("creates a policy with one POST and no GET when the answer says it is usable, reading string-typed values as numbers and booleans", async () => {
    const record = await backend.create(spec({ retention: { maxAgeDays: 30 } }));
    assert.deepEqual(
      [record.name, record.description, record.enabled, record.pattern, record.serverIds, record.tags, record.status],
      ["daily-web", "web tier", true, PATTERN, [], { team: "web" }, "suspended"],
    );
    assert.deepEqual(record.retention, { maxBackups: -1, retentionDurationDays: 30, permanent: false });
    assert.equal((await requests("POST", /\/policies$/)).length, 1);
    assert.deepEqual(await requests("GET", /\/policies/), []);
  });

  it("finds the policy by its name when the create's answer is lost, instead of creating a second one", async () => {
    await admin(cloud, "POST", "/faults", { seed: 1, rules: [{ method: "POST", path: "/csbs/v1/[^/]+/policies$", dropResponse: true, count: 1 }] });
    const record = await backend.create(spec());
    assert.equal(record.name, "daily-web");
    assert.equal((await backend.list()).filter((p) => p.name === "daily-web").length, 1);
    assert.equal((await requests("POST", /\/policies$/)).length, 1);
  });

  it("sends the create again when the service refused it unapplied (503)", async () => {
    await admin(cloud, "POST", "/faults", { seed: 1, rules: [{ method: "POST", path: "/csbs/v1/[^/]+/policies$", status: 503, count: 2 }] });
    const record = await backend.create(spec());
    assert.equal((await backend.list()).filter((p) => p.name === record.name).length, 1);
  });

  it("answers a create as the POST left the policy (creating), without a GET, and waits for it in usable", async () => {
    await admin(cloud, "POST", "/csbs/settings", { creatingSeconds: 600 });
    const record = await backend.create(spec());
    assert.equal(record.status, "creating");
    assert.deepEqual(await requests("GET", /\/policies/), []);
    const waiting = backend.usable(record.id, record);
    // Still creating in the cloud: the wait goes on until the cloud's clock passes the creating phase.
    while ((await requests("GET", /\/policies\/[^/]+$/)).length < 2) await new Promise((r) => setTimeout(r, 50));
    await admin(cloud, "POST", "/clock", { advanceSeconds: 601 });
    const usable = await waiting;
    assert.equal(usable?.status, "suspended");
  });

  it("waits for several creating policies with shared looks (one listing for all), not one GET each", async () => {
    await admin(cloud, "POST", "/csbs/settings", { creatingSeconds: 600 });
    const created = await Promise.all(["a", "b", "c", "d"].map((n) => backend.create(spec({ name: `wait-${n}` }))));
    await admin(cloud, "DELETE", "/requests");
    const waits = Promise.all(created.map((p) => backend.usable(p.id, p)));
    while ((await requests("GET", /\/policies$/)).length < 2) await new Promise((r) => setTimeout(r, 50));
    await admin(cloud, "POST", "/clock", { advanceSeconds: 601 });
    assert.deepEqual((await waits).map((p) => p?.status), ["suspended", "suspended", "suspended", "suspended"]);
    assert.deepEqual(await requests("GET", /\/policies\/[^/]+$/), [], "no policy was asked about alone");
  });

  it("reads a policy through usable at once when it is usable, and undefined when it does not exist", async () => {
    const created = await backend.create(spec());
    await admin(cloud, "DELETE", "/requests");
    assert.equal((await backend.usable(created.id))?.status, "suspended");
    assert.equal((await requests("GET", /\/policies\/[^/]+$/)).length, 1);
    await backend.delete(created.id);
    assert.equal(await backend.usable(created.id), undefined);
  });

  it("fails usable with policy.createFailed, naming the policy, when its create ends in error", async () => {
    await admin(cloud, "POST", "/csbs/settings", { creatingSeconds: 1, failPolicyNames: ["doomed"] });
    const record = await backend.create(spec({ name: "doomed" }));
    await assert.rejects(backend.usable(record.id, record), (err: unknown) => {
      assert.ok(err instanceof PolicyUnusableError);
      assert.equal(err.rule, "policy.createFailed");
      assert.equal(err.policyId, record.id);
      assert.match(err.message, /policy "doomed" \(.+\) ended in status "error" after its create/);
      return true;
    });
    // A later writer's read finds it in error at once.
    await assert.rejects(backend.usable(record.id), (err: unknown) => err instanceof PolicyUnusableError && err.rule === "policy.createFailed");
  });

  it("fails usable with policy.vanished when the policy is deleted while it is creating", async () => {
    await admin(cloud, "POST", "/csbs/settings", { creatingSeconds: 600 });
    const record = await backend.create(spec());
    const waiting = backend.usable(record.id, record);
    const { token, csbs } = await login(cloud);
    await fetch(`${csbs}/policies/${record.id}`, { method: "DELETE", headers: { "x-auth-token": token } });
    await assert.rejects(waiting, (err: unknown) => err instanceof PolicyUnusableError && err.rule === "policy.vanished");
  });

  it("replaces the server list with names from Nova and keeps it on a policy update", async () => {
    const created = await backend.create(spec());
    const withServers = await backend.setServers(created.id, [web[0].id, web[1].id]);
    assert.deepEqual(withServers.serverIds, [web[0].id, web[1].id]);
    const { token, csbs } = await login(cloud);
    const raw = (await (await fetch(`${csbs}/policies/${created.id}`, { headers: { "x-auth-token": token } })).json()) as {
      policy: { resources: Array<{ id: string; name: string; type: string }> };
    };
    assert.deepEqual(raw.policy.resources.map((r) => [r.name, r.type]), [[web[0].name, "OS::Nova::Server"], [web[1].name, "OS::Nova::Server"]]);
    const updated = await backend.update(created.id, spec({ enabled: false, tags: { team: "ops" } }));
    assert.deepEqual([updated.enabled, updated.tags, updated.serverIds], [false, { team: "ops" }, [web[0].id, web[1].id]]);
  });

  it("sends nothing but reads when an update changes nothing", async () => {
    const created = await backend.create(spec());
    await backend.update(created.id, spec());
    assert.equal((await requests("PUT", /\/policies\//)).length, 0);
    assert.equal((await requests("POST", /\/tags\/action$/)).length, 0);
  });

  it("waits out a running backup before deleting, asking with GET instead of repeating DELETE at once", async () => {
    const created = await backend.create(spec());
    await backend.setServers(created.id, [web[0].id]);
    await admin(cloud, "POST", "/faults", {
      seed: 1,
      rules: [{ method: "DELETE", path: "/csbs/v1/[^/]+/policies/", status: 409, body: { error_code: "CSBS.2004", error_msg: "item in plan executing" }, count: 2 }],
    });
    await backend.delete(created.id);
    assert.equal(await backend.get(created.id), undefined);
    const log = (await admin<{ requests: LoggedRequest[] }>(cloud, "GET", "/requests")).requests.filter((r) => r.path.endsWith(created.id));
    const deletes = log.filter((r) => r.method === "DELETE");
    assert.equal(deletes.length, 3);
    // Between two DELETEs there is always a GET of the policy.
    const sequence = log.filter((r) => r.method === "DELETE" || r.method === "GET").map((r) => r.method);
    const lastDelete = sequence.lastIndexOf("DELETE");
    for (let i = 1; i <= lastDelete; i++) assert.ok(!(sequence[i] === "DELETE" && sequence[i - 1] === "DELETE"), sequence.join(","));
  });

  it("treats deleting a policy that is already gone as done", async () => {
    const created = await backend.create(spec());
    await backend.delete(created.id);
    await backend.delete(created.id);
    assert.equal(await backend.get(created.id), undefined);
  });

  it("writes the ownership marker as a tag that records never show, and keeps it through tag updates", async () => {
    const marker = "0123456789abcdef0123456789abcdef";
    const created = await backend.create(spec({ owner: marker }));
    assert.deepEqual([created.tags, created.owner], [{ team: "web" }, marker]);
    const liveTags = async () => {
      const { token, csbs } = await login(cloud);
      const raw = (await (await fetch(`${csbs}/policies/${created.id}`, { headers: { "x-auth-token": token } })).json()) as { policy: { tags: Array<{ key: string; value: string }> } };
      return Object.fromEntries(raw.policy.tags.map((t) => [t.key, t.value]));
    };
    assert.deepEqual(await liveTags(), { team: "web", "pulumi-csbs-owner": marker });
    // A spec without a marker (a state from before markers) changes the user's tags and leaves the marker.
    const retagged = await backend.update(created.id, spec({ tags: { team: "ops", tier: "1" } }));
    assert.deepEqual([retagged.tags, retagged.owner], [{ team: "ops", tier: "1" }, marker]);
    assert.deepEqual(await liveTags(), { team: "ops", tier: "1", "pulumi-csbs-owner": marker });
    assert.deepEqual((await backend.get(created.id))?.tags, { team: "ops", tier: "1" });
  });

  it("adds a marker to an unmarked policy with a tag write only", async () => {
    const created = await backend.create(spec());
    assert.equal(created.owner, undefined);
    const marked = await backend.update(created.id, spec({ owner: "abc" }));
    assert.equal(marked.owner, "abc");
    assert.equal((await backend.findByName("daily-web"))?.owner, "abc");
    assert.equal((await requests("PUT", /\/policies\//)).length, 0);
  });

  it("waits until a policy left `creating` is usable before updating it", async () => {
    await admin(cloud, "POST", "/csbs/settings", { creatingSeconds: 2 });
    const { token, csbs } = await login(cloud);
    const body = { policy: { name: "left", provider_id: "fc4d5750-22e7-4798-8a46-f48f62c4c1da", parameters: { common: {} }, resources: [],
      scheduled_operations: [{ enabled: true, operation_type: "backup", operation_definition: { max_backups: 3 }, trigger: { properties: { pattern: PATTERN } } }] } };
    const res = await fetch(`${csbs}/policies`, { method: "POST", headers: { "x-auth-token": token, "content-type": "application/json" }, body: JSON.stringify(body) });
    const left = ((await res.json()) as { policy: { id: string; status: string } }).policy;
    assert.equal(left.status, "creating");
    await admin(cloud, "DELETE", "/requests");
    const updated = await backend.update(left.id, spec({ name: "left" }));
    assert.equal(updated.status, "suspended");
    assert.ok((await requests("GET", /\/policies\/[^/]+$/)).length >= 2, "polled before writing");
    assert.equal(updated.retention.maxBackups, 7);
  });

  it("reports the project's policy quota", async () => {
    assert.equal(await backend.policyQuota(), 32);
  });
});
