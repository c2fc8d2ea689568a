/**
 * Issue 6 §10: the local cloud never lets one project see or change another's policies, servers or backups,
 * whatever the route, the ids in the path, the filters in the query or the ids in the body; `all_tenants`
 * widens a list only for an admin. Property-tested over every token route with the tokens of `demo` and
 * `other`, in both directions, and checked against the cloud's own state.
 */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { SERVERS } from "../../localcloud/fixtures/apply-fixtures";
import { defaultFixtures } from "../../localcloud/fixtures/default-fixtures";
import { startTestCloud, type TestCloud } from "../support/cloud";
import { cloudRoutes, fillPattern, type RouteShape } from "../localcloud/hostile/cloud-routes";
import { request, tokenFor } from "../localcloud/http";

const PROVIDER_ID = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";
const WEEKLY = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=SU;BYHOUR=3;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

/** What one project owns, by id, plus the names that would give it away. */
interface Tenant {
  name: string;
  token: string;
  projectId: string;
  policyId: string;
  policyName: string;
  serverIds: string[];
  serverNames: string[];
  volumeIds: string[];
  checkpointId: string;
  itemIds: string[];
  logIds: string[];
}

interface Entity {
  id: string;
  projectId?: string;
}

async function call<T>(t: Tenant | { token: string; projectId: string }, cloud: TestCloud, method: string, path: string, body?: unknown): Promise<T> {
  const r = await request(method, `${cloud.url}/csbs/v1/${t.projectId}${path}`, { token: t.token, ...(body !== undefined ? { body } : {}) });
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${r.text}`);
  return r.body as T;
}

async function tenant(cloud: TestCloud, user: string, password: string, project: string): Promise<Tenant> {
  const { token, projectId } = await tokenFor(cloud, user, password, project);
  const servers = cloud.store.list(SERVERS).filter((s) => s.projectId === projectId).slice(0, 3);
  const auth = { token, projectId };
  const policyName = `${project}-secret-policy`;
  const created = await call<{ policy: { id: string } }>(auth, cloud, "POST", "/policies", {
    policy: {
      name: policyName,
      provider_id: PROVIDER_ID,
      parameters: { common: {} },
      resources: servers.map((s) => ({ id: s.id, type: "OS::Nova::Server", name: s.name })),
      scheduled_operations: [{ enabled: true, operation_type: "backup", operation_definition: { max_backups: 3 }, trigger: { properties: { pattern: WEEKLY } } }],
    },
  });
  const policyId = created.policy.id;
  await call(auth, cloud, "POST", `/csbs_backup_policy/${policyId}/tags/action`, { action: "create", tags: [{ key: "owner", value: project }] });
  const run = await call<{ checkpoint: { id: string } }>(auth, cloud, "POST", `/providers/${PROVIDER_ID}/checkpoints`, {
    checkpoint: { plan_id: policyId, parameters: { auto_trigger: false } },
  });
  const items = await call<{ checkpoint_items: Array<{ id: string }> }>(auth, cloud, "GET", `/checkpoint_items?policy_id=${policyId}`);
  const logs = await call<{ operation_logs: Array<{ id: string }> }>(auth, cloud, "GET", "/operation_logs");
  return {
    name: project,
    token,
    projectId,
    policyId,
    policyName,
    serverIds: servers.map((s) => s.id),
    serverNames: servers.map((s) => s.name),
    volumeIds: servers.flatMap((s) => s.volumeIds),
    checkpointId: run.checkpoint.id,
    itemIds: items.checkpoint_items.map((i) => i.id),
    logIds: logs.operation_logs.map((l) => l.id),
  };
}

/** Every id and name that belongs to the tenant. */
function secretsOf(t: Tenant): string[] {
  return [t.policyId, t.policyName, t.checkpointId, ...t.serverIds, ...t.serverNames, ...t.volumeIds, ...t.itemIds, ...t.logIds];
}

/** The victim's entities (anything carrying its project id) as JSON, for "nothing changed". */
function ownedState(cloud: TestCloud, projectId: string): string {
  const out: Record<string, unknown[]> = {};
  for (const name of cloud.store.collections().sort()) {
    if (name === "tokens" || name === "csbs.scheduler") continue;
    out[name] = (cloud.store.entities(name) as Entity[]).filter((e) => e.projectId === projectId).sort((a, b) => (a.id < b.id ? -1 : 1));
  }
  return JSON.stringify(out);
}

/** Request bodies that name the victim's objects, for every kind of write route. */
function hostileBodies(v: Tenant): unknown[] {
  const resources = v.serverIds.map((id) => ({ id, type: "OS::Nova::Server", name: id }));
  return [
    undefined,
    { policy: { name: "stolen", provider_id: PROVIDER_ID, parameters: { common: {} }, resources, scheduled_operations: [{ enabled: true, operation_type: "backup", operation_definition: { max_backups: 3 }, trigger: { properties: { pattern: WEEKLY } } }] } },
    { policy: { name: "renamed", resources } },
    { checkpoint: { plan_id: v.policyId, parameters: { auto_trigger: false, resources: v.serverIds } } },
    { protect: { backup_name: "b" }, resource_id: v.serverIds[0] },
    { check_protectable: v.serverIds.map((id) => ({ resource_id: id, resource_type: "OS::Nova::Server" })) },
    { check_restorable: [{ checkpoint_item_id: v.itemIds[0], target: { resource_id: v.serverIds[0], resource_type: "OS::Nova::Server", volumes: [] } }] },
    { restore: { provider_id: PROVIDER_ID, checkpoint_id: v.checkpointId, parameters: { checkpoint_item_id: v.itemIds[0], power_on: true, targets: { server_id: v.serverIds[0], volumes: [] } } } },
    { action: "delete", tags: [{ key: "owner", value: v.name }] },
    { action: "filter", tags: [{ key: "owner", values: [v.name] }] },
    { tag: { key: "owner", value: "stolen" } },
    { plan: { name: "stolen", provider_id: PROVIDER_ID, resources, parameters: {} } },
  ];
}

/**
 * Path parameters: the victim's ids in the victim's project ("theirs"), the victim's ids under the caller's own
 * project ("mixed"), or the caller's own policy with everything else the victim's ("own-policy", so a write
 * could try to pull the victim's servers into it).
 */
type Target = "theirs" | "mixed" | "own-policy";
function victimParams(v: Tenant, caller: Tenant, target: Target): Record<string, string> {
  const policyId = target === "own-policy" ? caller.policyId : v.policyId;
  return {
    project_id: target === "theirs" ? v.projectId : caller.projectId,
    policy_id: policyId,
    plan_id: policyId,
    provider_id: PROVIDER_ID,
    checkpoint_id: v.checkpointId,
    item_id: v.itemIds[0]!,
    resource_id: v.serverIds[0]!,
    server_id: v.serverIds[0]!,
    volume_id: v.volumeIds[0]!,
    log_id: v.logIds[0]!,
    key: "owner",
  };
}

function filters(v: Tenant): string[] {
  return [
    "",
    "?all_tenants=1",
    "?all_tenants=True",
    `?all_tenants=1&project_id=${v.projectId}`,
    `?project_id=${v.projectId}`,
    `?tenant_id=${v.projectId}`,
    `?policy_id=${v.policyId}`,
    `?plan_id=${v.policyId}`,
    `?resource_id=${v.serverIds[0]}`,
    `?checkpoint_id=${v.checkpointId}`,
    `?name=${v.policyName}`,
    `?name=${v.serverNames[0]}`,
    `?marker=${v.policyId}`,
    `?marker=${v.serverIds[0]}`,
    `?resource_name=${v.serverNames[0]}`,
  ];
}

describe("project isolation in the local cloud (issue 6 §10)", function () {
  this.timeout(120_000);
  let cloud: TestCloud;
  let demo: Tenant;
  let other: Tenant;
  let routes: RouteShape[];

  before(async () => {
    const fixtures = defaultFixtures();
    const otherProject = fixtures.projects.find((p) => p.name === "other")!;
    // The default fixtures give `other` no servers; isolation needs something on both sides.
    otherProject.servers = [0, 1, 2].map((i) => ({ name: `other-app-${i}`, status: "ACTIVE" as const, volumes: [{ sizeGb: 20, bootable: true }] }));
    cloud = await startTestCloud({ fixtures, clock: { start: "2025-01-08T12:00:00Z" } });
    demo = await tenant(cloud, "demo", "demo", "demo");
    other = await tenant(cloud, "other", "other", "other");
    routes = cloudRoutes(cloud).filter((r) => r.auth === "token" && ["csbs", "compute", "volume", "karbor"].includes(r.service));
  });
  after(async () => {
    await cloud?.close();
  });

  // These two come first: the property below may delete the callers' own policies (an allowed write).
  it("widens lists with all_tenants only for an admin", async () => {
    const asMember = await call<{ policies: Array<{ id: string }> }>(other, cloud, "GET", "/policies?all_tenants=1");
    assert.deepEqual(asMember.policies.map((p) => p.id), [other.policyId]);
    const adminToken = await tokenFor(cloud, "admin", "admin", "demo");
    const asAdmin = await call<{ policies: Array<{ id: string }> }>(adminToken, cloud, "GET", "/policies?all_tenants=1");
    assert.deepEqual(asAdmin.policies.map((p) => p.id).sort(), [demo.policyId, other.policyId].sort());
    const adminOwn = await call<{ policies: Array<{ id: string }> }>(adminToken, cloud, "GET", "/policies");
    assert.deepEqual(adminOwn.policies.map((p) => p.id), [demo.policyId], "without all_tenants an admin sees its own project");
  });

  it("answers another project's object exactly as one that does not exist (no existence oracle)", async () => {
    const missing = "00000000-0000-4000-8000-00000000beef";
    const withIds = routes.filter((r) => /:(policy_id|plan_id|checkpoint_id|item_id|server_id|volume_id|log_id|resource_id)/.test(r.pattern));
    assert.ok(withIds.length >= 8, `routes with object ids: ${withIds.length}`);
    for (const route of withIds) {
      const own = victimParams(demo, other, "mixed");
      const victimPath = fillPattern(route.pattern, own, () => demo.policyId);
      const nonePath = fillPattern(route.pattern, Object.fromEntries(Object.entries(own).map(([k, v]) => [k, k === "project_id" || k === "provider_id" || k === "key" ? v : missing])), () => missing);
      const a = await request(route.method, `${cloud.url}${victimPath}`, { token: other.token });
      const b = await request(route.method, `${cloud.url}${nonePath}`, { token: other.token });
      const code = (r: typeof a) => JSON.stringify(r.body ?? null).match(/"(error_code|code)":\s*"?([\w.]+)/)?.[2] ?? "";
      assert.deepEqual([a.status, code(a)], [b.status, code(b)], `${route.method} ${route.pattern}: ${a.text.slice(0, 150)} vs ${b.text.slice(0, 150)}`);
    }
  });

  it("never shows or changes the other project's policies, servers or backups, whatever the route, ids, filters or body", async () => {
    const statuses = new Set<number>();
    const pairs = (): Array<[Tenant, Tenant]> => [
      [other, demo],
      [demo, other],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: routes.length - 1 }),
        fc.constantFrom(0, 1),
        fc.constantFrom<Target>("theirs", "mixed", "own-policy"),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 11 }),
        async (index, direction, target, filterIndex, bodyIndex) => {
          const route = routes[index]!;
          const [caller, victim] = pairs()[direction]!;
          const path = fillPattern(route.pattern, victimParams(victim, caller, target), () => victim.policyId);
          const query = filters(victim)[filterIndex]!;
          const body = hostileBodies(victim)[bodyIndex];
          const before = ownedState(cloud, victim.projectId);
          const reply = await request(route.method, `${cloud.url}${path}${query}`, { token: caller.token, ...(body !== undefined ? { body } : {}) });
          const where = `${caller.name} → ${route.method} ${path}${query} ${JSON.stringify(body ?? null).slice(0, 80)}`;
          statuses.add(reply.status);
          assert.ok(reply.status < 500, `${where} → ${reply.status} ${reply.text.slice(0, 200)}`);
          assert.equal(ownedState(cloud, victim.projectId), before, `${where} → ${reply.status} changed ${victim.name}'s objects`);
          const sent = `${path}${query}${JSON.stringify(body ?? null)}`;
          const leaked = secretsOf(victim).filter((s) => reply.text.includes(s) && !sent.includes(s));
          assert.deepEqual(leaked, [], `${where} → ${reply.status} shows ${victim.name}'s ${leaked.join(", ")}: ${reply.text.slice(0, 300)}`);
          // Nothing of the caller's may come to point at the victim's objects (a server of theirs in our policy…).
          const callerState = ownedState(cloud, caller.projectId);
          const pointing = [...victim.serverIds, ...victim.itemIds, victim.checkpointId, victim.policyId].filter((id) => callerState.includes(id));
          assert.deepEqual(pointing, [], `${where} → ${reply.status} made ${caller.name}'s objects reference ${victim.name}'s`);
        },
      ),
      { numRuns: 600, seed: 6010 },
    );
    // The property reached handlers that answered (lists, the caller's own policy), not only refusals.
    assert.ok(statuses.has(200), `statuses seen: ${[...statuses].join(", ")}`);
  });
});
