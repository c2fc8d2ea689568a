/** The Karbor backend against the local cloud's Karbor over real HTTP (loaded through backend-factory). */
import assert from "node:assert/strict";
import { createBackend } from "../../../provider/backends/backend-factory";
import type { PolicyBackend, PolicySpec } from "../../../provider/backends/policy-backend";
import { resetSessions, Session } from "../../../provider/clients/session";
import { resolveSettings } from "../../../provider/config/resolve-settings";
import type { LocalCloud } from "../../../localcloud";
import { admin } from "../../support/cloud";
import { caller, serverId, startKarborCloud, state, type KarborCaller } from "../../localcloud/karbor/support/karbor-session";

const PATTERN = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=2,14;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
const DAILY = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=3;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

function spec(extra: Partial<PolicySpec> = {}): PolicySpec {
  return { name: "daily-web", description: "web tier", enabled: true, pattern: PATTERN, retention: { maxBackups: 7 }, tags: { team: "web" }, ...extra };
}

describe("Karbor backend against the local cloud", function () {
  this.timeout(30_000);
  let cloud: LocalCloud;
  let backend: PolicyBackend;
  let demo: KarborCaller;
  const names = new Map<string, string>();

  beforeEach(async () => {
    resetSessions();
    cloud = await startKarborCloud();
    demo = await caller(cloud);
    for (const s of cloud.fixtures.projects.find((p) => p.name === "demo")!.servers) names.set(s.id, s.name);
    const config: Record<string, string> = {
      "csbs:authUrl": cloud.authUrl, "csbs:userName": "demo", "csbs:password": "demo", "csbs:projectName": "demo", "csbs:api": "karbor",
    };
    const settings = resolveSettings({ config: (k) => config[k], env: {} });
    backend = await createBackend(settings, new Session(settings), async (id) => names.get(id) ?? id);
  });
  afterEach(async () => {
    resetSessions();
    await cloud.close();
  });

  it("is the Karbor dialect", () => {
    assert.equal(backend.api, "karbor");
  });

  it("creates a policy without servers as an empty suspended plan, a named trigger and one retention_protect operation", async () => {
    const record = await backend.create(spec());
    assert.deepEqual([record.name, record.description, record.enabled, record.pattern, record.serverIds, record.tags, record.status],
      ["daily-web", "web tier", true, PATTERN, [], { team: "web" }, "suspended"]);
    assert.equal(record.retention.maxBackups, 7);
    const s = await state(cloud);
    assert.deepEqual(s["karbor.plans"][0].resources, []);
    assert.equal(s["karbor.operations"].length, 1);
    assert.equal(s["karbor.operations"][0].operationType, "retention_protect");
    assert.equal(s["csbs.policies"][0].schedule.enabled, true);
    assert.deepEqual(await backend.get(record.id), record);
    assert.deepEqual(await backend.findByName("daily-web"), record);
    assert.deepEqual((await backend.list()).map((p) => p.id), [record.id]);
  });

  it("has no creating phase: a plan is usable as its create answers (usable sends nothing), even with the CSBS knob set", async () => {
    await admin(cloud, "POST", "/csbs/settings", { creatingSeconds: 600 });
    const record = await backend.create(spec());
    assert.equal(record.status, "suspended");
    await admin(cloud, "DELETE", "/requests");
    assert.equal(await backend.usable(record.id, record), record);
    assert.deepEqual((await admin<{ requests: unknown[] }>(cloud, "GET", "/requests")).requests, []);
    assert.equal((await backend.usable(record.id))?.status, "suspended");
  });

  it("creates a disabled policy with no operation, keeping its retention readable", async () => {
    const record = await backend.create(spec({ enabled: false, retention: { maxAgeDays: 30 } }));
    assert.equal(record.enabled, false);
    assert.equal((await state(cloud))["karbor.operations"]?.length ?? 0, 0);
    const read = await backend.get(record.id);
    assert.deepEqual([read?.enabled, read?.retention.retentionDurationDays], [false, 30]);
  });

  it("replaces the whole server list and keeps resources it does not manage", async () => {
    const record = await backend.create(spec());
    await demo.call("PUT", `/plans/${record.id}`, { plan: { resources: [{ id: "v1", type: "OS::Cinder::Volume", name: "v" }] } });
    const web0 = serverId(cloud, "web-000");
    const web1 = serverId(cloud, "web-001");
    assert.deepEqual((await backend.setServers(record.id, [web0, web1])).serverIds, [web0, web1]);
    const after = await backend.setServers(record.id, [web1]);
    assert.deepEqual(after.serverIds, [web1]);
    const plan = (await demo.call("GET", `/plans/${record.id}`)).body.plan;
    assert.deepEqual(plan.resources.map((r: { id: string }) => r.id), ["v1", web1]);
    assert.equal(plan.resources[1].name, "web-001");
  });

  it("replaces the operation on a retention change (new first, old deleted) and never updates it", async () => {
    const record = await backend.create(spec());
    const before = (await state(cloud))["karbor.operations"][0].id;
    const updated = await backend.update(record.id, spec({ retention: { maxAgeDays: 14 } }));
    assert.equal(updated.retention.retentionDurationDays, 14);
    const ops = (await state(cloud))["karbor.operations"];
    assert.equal(ops.length, 1);
    assert.notEqual(ops[0].id, before);
    const log = (await admin<{ requests: Array<{ method: string; path: string }> }>(cloud, "GET", "/requests")).requests;
    assert.ok(!log.some((r) => r.method === "PUT" && r.path.includes("/scheduled_operations")));
  });

  it("turns a policy off by deleting its operation and on by creating one", async () => {
    const record = await backend.create(spec());
    assert.equal((await backend.update(record.id, spec({ enabled: false }))).enabled, false);
    assert.equal((await state(cloud))["karbor.operations"].length, 0);
    assert.equal((await state(cloud))["csbs.policies"][0].schedule.enabled, false);
    assert.equal((await backend.update(record.id, spec({ enabled: true }))).enabled, true);
    assert.equal((await state(cloud))["karbor.operations"].length, 1);
  });

  it("changes the pattern with a trigger update that repeats the trigger's start_time, and renames the plan", async () => {
    const record = await backend.create(spec());
    const startBefore = (await state(cloud))["karbor.triggers"][0].properties.start_time;
    const updated = await backend.update(record.id, spec({ pattern: DAILY, name: "renamed", description: "", tags: { team: "ops" } }));
    assert.deepEqual([updated.pattern, updated.name, updated.description, updated.tags], [DAILY, "renamed", "", { team: "ops" }]);
    const trigger = (await state(cloud))["karbor.triggers"][0];
    assert.equal(trigger.properties.start_time, startBefore);
    assert.match((await state(cloud))["csbs.policies"][0].schedule.pattern, /FREQ=DAILY;BYHOUR=3/);
    assert.deepEqual(await backend.get(record.id), updated);
  });

  it("deletes the plan, its operation and its trigger, and keeps its checkpoints", async () => {
    const record = await backend.create(spec());
    await backend.setServers(record.id, [serverId(cloud, "web-000")]);
    await demo.call("POST", "/providers/cf56bd3e-97a7-4078-b6d5-f36246333fd9/checkpoints", { checkpoint: { plan_id: record.id } });
    await backend.delete(record.id);
    await backend.delete(record.id);
    const s = await state(cloud);
    assert.deepEqual([s["karbor.plans"].length, s["karbor.operations"].length, s["karbor.triggers"].length], [0, 0, 0]);
    assert.equal(s["csbs.checkpoints"].length, 1);
    assert.equal(await backend.get(record.id), undefined);
  });

  it("leaves nothing behind when a later step of create is refused", async () => {
    const tooOften = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=DAILY;BYHOUR=1,2;BYMINUTE=0,30\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    await assert.rejects(backend.create(spec({ pattern: tooOften })), /Karbor 400 badRequest on POST \/triggers: The interval of two adjacent time points is less than 3600 \(request req-/);
    assert.equal((await state(cloud))["karbor.plans"]?.length ?? 0, 0);
  });

  it("refuses tags that do not fit the trigger name, naming the limit and the fix", async () => {
    const tags = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`key-number-${i}-${"k".repeat(20)}`, "v".repeat(40)]));
    await assert.rejects(backend.create(spec({ tags })), /tags are \d+ characters too long for Karbor.*use fewer or shorter tags/);
    assert.equal((await state(cloud))["karbor.plans"]?.length ?? 0, 0);
  });

  it("keeps the ownership marker in the trigger name, out of the tags, through tag and retention updates", async () => {
    const marker = "0123456789abcdef0123456789abcdef";
    const created = await backend.create(spec({ owner: marker }));
    assert.deepEqual([created.tags, created.owner], [{ team: "web" }, marker]);
    const updated = await backend.update(created.id, spec({ tags: { team: "ops" }, retention: { maxAgeDays: 9 } }));
    assert.deepEqual([updated.tags, updated.owner], [{ team: "ops" }, marker]);
    assert.deepEqual([(await backend.findByName("daily-web"))?.owner, (await backend.get(created.id))?.tags], [marker, { team: "ops" }]);
  });

  it("reads the plans quota from Karbor's quotas API", async () => {
    assert.equal(await backend.policyQuota(), 50);
    const adminCaller = await caller(cloud, "admin", "admin", "demo");
    await adminCaller.call("PUT", `/quotas/${demo.projectId}`, { quota: { plans: 7 } });
    assert.equal(await backend.policyQuota(), 7);
  });

  it("makes backups at the policy's times through the cloud's scheduler", async () => {
    const record = await backend.create(spec({ retention: { maxBackups: 2 } }));
    await backend.setServers(record.id, [serverId(cloud, "web-000")]);
    await admin(cloud, "POST", "/clock", { advanceSeconds: 7 * 86400 });
    const items = (await state(cloud))["csbs.items"].filter((i) => i.automatic);
    assert.deepEqual(items.map((i) => i.createdAt).sort(), ["2030-01-10T02:00:00.000Z", "2030-01-10T14:00:00.000Z"]);
  });
});
