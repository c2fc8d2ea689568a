/**
 * A local cloud with something in it to attack: a policy of demo with two servers and tags, one finished
 * backup, an operation log; and a Karbor project `kb` with a plan, a trigger, a scheduled operation, an
 * available checkpoint and a restore. Its clock starts on a Wednesday noon so the policy's Sunday 03:00 run never falls
 * inside a test. `snapshot()` is the durable state a refused request must leave untouched.
 */
import { COLLECTIONS } from "../../../localcloud/csbs/model/types";
import { SERVERS } from "../../../localcloud/fixtures/apply-fixtures";
import { IMAGES } from "../../../localcloud/image/images";
import { CsbsDirect } from "../../engine/provider/scenario-support";
import { defaultFixtures } from "../../../localcloud/fixtures/default-fixtures";
import { OS_INFRA } from "../karbor/support/karbor-session";
import { ADMIN_HEADERS, login, startTestCloud, type TestCloud } from "../../support/cloud";
import { tokenFor } from "../http";

/** The one CSBS provider id (csbs-api.md). */
export const PROVIDER_ID = "fc4d5750-22e7-4798-8a46-f48f62c4c1da";

/** Collections that change by themselves (the scheduler's cursor), not because of a request. */
const VOLATILE = new Set(["csbs.scheduler"]);

/** The running cloud, the demo caller, and real ids to put in paths. */
export interface HostileCloud {
  cloud: TestCloud;
  /** demo member token. */
  token: string;
  projectId: string;
  otherProjectId: string;
  /** Real values for each route parameter name, so hostile bodies reach the handlers behind the lookups. */
  params: Record<string, string>;
  /** The durable state (every collection but the scheduler cursor), one JSON text per collection. */
  snapshot(): Record<string, string>;
  /** Puts back the target policy and its backup when an accepted request deleted them. */
  repair(): Promise<void>;
  /** The CSBS provider id. */
  providerId: string;
  /** The Karbor project `kb`: its member's and admin's tokens, its endpoint, and real values for its route parameters. */
  karbor: KarborTarget;
}

export interface KarborTarget {
  base: string;
  token: string;
  adminToken: string;
  projectId: string;
  serverId: string;
  planId: string;
  triggerId: string;
  checkpointId: string;
  serviceId: string;
  params: Record<string, string>;
}

/** The default fixtures and a Karbor project `kb` with one server, a member `kb` and an admin `kb-admin`. */
function hostileFixtures(): ReturnType<typeof defaultFixtures> {
  const f = defaultFixtures();
  f.projects.push({
    name: "kb",
    api: "karbor",
    users: [{ name: "kb", password: "kb", roles: ["member"] }, { name: "kb-admin", password: "kb-admin", roles: ["admin"] }],
    servers: [{ name: "kb-0", status: "ACTIVE", volumes: [{ sizeGb: 40, bootable: true, multiattach: false }] }],
  });
  return f;
}

async function karborCall<T>(base: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { "x-auth-token": token, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`setting up the Karbor target: ${method} ${path} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

const WEEKLY = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=2;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

async function karborTarget(cloud: TestCloud): Promise<KarborTarget> {
  const member = await login(cloud, "kb", "kb", "kb");
  const adminToken = (await login(cloud, "kb-admin", "kb-admin", "kb")).token;
  const base = member.csbs;
  if (!base.includes("/karbor/v1/")) throw new Error(`project kb is not on Karbor: ${base}`);
  const serverId = cloud.fixtures.projects.find((p) => p.name === "kb")!.servers[0]!.id;
  const call = <T>(method: string, path: string, body?: unknown) => karborCall<T>(base, member.token, method, path, body);
  const plan = (await call<{ plan: { id: string } }>("POST", "/plans", {
    plan: { name: "kb-plan", provider_id: OS_INFRA, parameters: {}, resources: [{ id: serverId, type: "OS::Nova::Server", name: "kb-0" }] },
  })).plan;
  const trigger = (await call<{ trigger_info: { id: string } }>("POST", "/triggers", { trigger_info: { name: "kb-trigger", type: "time", properties: { format: "calendar", pattern: WEEKLY } } })).trigger_info;
  const op = (await call<{ scheduled_operation: { id: string } }>("POST", "/scheduled_operations", {
    scheduled_operation: { name: "kb-op", operation_type: "protect", trigger_id: trigger.id, operation_definition: { plan_id: plan.id, provider_id: OS_INFRA } },
  })).scheduled_operation;
  const checkpoint = (await call<{ checkpoint: { id: string } }>("POST", `/providers/${OS_INFRA}/checkpoints`, { checkpoint: { plan_id: plan.id } })).checkpoint;
  const restore = (await call<{ restore: { id: string } }>("POST", "/restores", { restore: { provider_id: OS_INFRA, checkpoint_id: checkpoint.id, restore_target: null, parameters: {} } })).restore;
  const logs = (await call<{ operation_logs: Array<{ id: string }> }>("GET", "/operation_logs")).operation_logs;
  const services = (await karborCall<{ services: Array<{ id: number; binary: string }> }>(base, adminToken, "GET", "/os-services")).services;
  const serviceId = String(services.find((x) => x.binary === "karbor-operationengine")?.id ?? "");
  return {
    base, token: member.token, adminToken, projectId: member.projectId, serverId, planId: plan.id, triggerId: trigger.id, checkpointId: checkpoint.id, serviceId,
    params: {
      project_id: member.projectId, plan_id: plan.id, trigger_id: trigger.id, operation_id: op.id, provider_id: OS_INFRA, checkpoint_id: checkpoint.id,
      restore_id: restore.id, log_id: logs[0]?.id ?? "", type: "OS::Nova::Server", resource_id: serverId, target: member.projectId, service_id: serviceId,
    },
  };
}

/** Starts the cloud and fills it (see the file comment). */
export async function startHostileCloud(): Promise<HostileCloud> {
  const cloud = await startTestCloud({ clock: { start: "2025-01-08T12:00:00Z" }, fixtures: hostileFixtures() });
  // Deletes finish at the next request, so a backup deleted by an accepted request is gone before the next
  // snapshot instead of disappearing in the middle of a refused one.
  const knob = await fetch(`${cloud.adminUrl}/csbs/settings`, { method: "POST", headers: { ...ADMIN_HEADERS, "content-type": "application/json" }, body: JSON.stringify({ deleteSeconds: 0 }) });
  if (!knob.ok) throw new Error(`setting deleteSeconds failed: ${knob.status} ${await knob.text()}`);
  const { token, projectId, body: tokenBody } = await tokenFor(cloud, "demo", "demo", "demo");
  const other = await login(cloud, "other", "other", "other");
  const api = await CsbsDirect.login(cloud);
  const demo = cloud.fixtures.projects.find((p) => p.name === "demo");
  if (!demo) throw new Error("the default fixtures have no demo project");
  const servers = demo.servers.slice(0, 2).map((s) => s.id);
  const target = async () => {
    const stale = (await api.policies()).find((p) => p.name === "hostile-target");
    const policy = stale ?? (await api.createPolicy("hostile-target", []));
    await api.call("PUT", `/policies/${policy.id}`, { policy: { resources: servers.map((id) => ({ id, type: "OS::Nova::Server", name: id })) } });
    await api.call("POST", `/csbs_backup_policy/${policy.id}/tags/action`, { action: "create", tags: [{ key: "team", value: "web" }] });
    await api.call("POST", `/providers/${PROVIDER_ID}/checkpoints`, { checkpoint: { plan_id: policy.id, parameters: { auto_trigger: false } } });
    const items = await api.items(`?policy_id=${policy.id}`);
    return { policy, items };
  };
  const { policy, items } = await target();
  const logs = await api.call<{ operation_logs: Array<{ id: string }> }>("GET", "/operation_logs");
  const server = cloud.store.list(SERVERS).find((s) => s.id === servers[0]);
  const params: Record<string, string> = {
    project_id: projectId,
    policy_id: policy.id,
    plan_id: policy.id,
    provider_id: PROVIDER_ID,
    checkpoint_id: items[0]?.checkpoint_id ?? "",
    item_id: items[0]?.id ?? "",
    resource_id: servers[0],
    server_id: servers[0],
    volume_id: server?.volumeIds[0] ?? "",
    log_id: logs.operation_logs[0]?.id ?? "",
    key: "team",
    user_id: (tokenBody as { token: { user: { id: string } } }).token.user.id,
    image_id: IMAGES[0]!.id,
  };
  const snapshot = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const name of cloud.store.collections().sort()) {
      if (VOLATILE.has(name)) continue;
      out[name] = JSON.stringify(cloud.store.entities(name).sort((a, b) => (a.id < b.id ? -1 : 1)));
    }
    return out;
  };
  const repair = async (): Promise<void> => {
    await api.policies(); // settles due transitions (a delete an accepted request started)
    const live = cloud.store.get(COLLECTIONS.policies, params.policy_id);
    const item = cloud.store.get(COLLECTIONS.items, params.item_id);
    if (live && item && item.status === "available") return;
    const again = await target();
    const usable = again.items.find((i) => i.status === "available");
    Object.assign(params, { policy_id: again.policy.id, plan_id: again.policy.id, checkpoint_id: usable?.checkpoint_id ?? "", item_id: usable?.id ?? "" });
  };
  const karbor = await karborTarget(cloud);
  return { cloud, token, projectId, otherProjectId: other.projectId, params, snapshot, repair, providerId: PROVIDER_ID, karbor };
}

/** Names of the collections whose content differs between two snapshots. */
export function changedCollections(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).sort();
}
