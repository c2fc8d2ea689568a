/**
 * A well-formed request for each route of the local cloud: the body, query and caller the route's success
 * path needs. The hostile specs mix these into their random requests (so accepted writes are exercised, not only
 * refusals) and check that every route answers one of them below 400. A route missing here gets its own method,
 * the real ids of the hostile cloud and no body. `prepare` creates what the request consumes (the plan a
 * DELETE removes, the throwaway token a revocation ends) before the state is snapshotted.
 */
import type { ServerFixture } from "../../../localcloud/core/contracts";
import { COLLECTIONS } from "../../../localcloud/csbs/model/types";
import { SERVERS } from "../../../localcloud/fixtures/apply-fixtures";
import { ADMIN_HEADERS, login } from "../../support/cloud";
import { OS_INFRA } from "../karbor/support/karbor-session";
import { request } from "../http";
import type { HostileCloud } from "./hostile-cloud";
import type { RouteShape } from "./cloud-routes";

/** Who sends the request: the demo member (CSBS), the Karbor project's member or admin, or nobody. */
export type Caller = "demo" | "karbor" | "karbor-admin" | "none";

export interface ValidRequest {
  /** Path parameters that differ from the hostile cloud's real ids. */
  params?: Record<string, string>;
  body?: unknown;
  query?: string;
  headers?: Record<string, string>;
  caller: Caller;
}

type Recipe = (hc: HostileCloud) => ValidRequest | Promise<ValidRequest>;

const WEEKLY = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=2;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

async function karbor<T>(hc: HostileCloud, method: string, path: string, body?: unknown): Promise<T> {
  const r = await request(method, `${hc.karbor.base}${path}`, { token: hc.karbor.token, ...(body === undefined ? {} : { body }) });
  if (r.status >= 400) throw new Error(`preparing ${method} ${path} failed: ${r.status} ${r.text}`);
  return r.body as T;
}

function planBody(hc: HostileCloud, name: string): unknown {
  return { plan: { name, provider_id: OS_INFRA, parameters: {}, resources: [{ id: hc.karbor.serverId, type: "OS::Nova::Server", name: "kb-0" }] } };
}

const triggerBody = (name: string) => ({ trigger_info: { name, type: "time", properties: { format: "calendar", pattern: WEEKLY } } });

const newPlan = async (hc: HostileCloud) => (await karbor<{ plan: { id: string } }>(hc, "POST", "/plans", planBody(hc, "throwaway"))).plan.id;
const newTrigger = async (hc: HostileCloud) => (await karbor<{ trigger_info: { id: string } }>(hc, "POST", "/triggers", triggerBody("throwaway"))).trigger_info.id;

/** A demo web server in no policy yet (a server belongs to one policy at most). */
function freeServer(hc: HostileCloud): { id: string; name: string } {
  const taken = new Set(hc.cloud.store.list(COLLECTIONS.policies).flatMap((p) => p.servers.map((s) => s.id)));
  const free = hc.cloud.fixtures.projects.find((p) => p.name === "demo")!.servers.find((x) => x.name.startsWith("web-") && !taken.has(x.id));
  if (!free) throw new Error("every demo web server is in a policy");
  return free;
}

let created = 0;

/** The tag routes exist from Nova microversion 2.26 on. */
const TAGS_VERSION = { "openstack-api-version": "compute 2.26" };

function hostileServer(hc: HostileCloud): ServerFixture {
  const server = hc.cloud.store.get(SERVERS, hc.params.server_id!);
  if (!server) throw new Error(`the hostile cloud's server ${hc.params.server_id} is gone`);
  return server;
}

async function withTag(hc: HostileCloud, tag: string): Promise<string> {
  const r = await request("PUT", `${hc.cloud.url}/compute/v2.1/servers/${hc.params.server_id}/tags/${tag}`, { token: hc.token, headers: TAGS_VERSION });
  if (r.status !== 201 && r.status !== 204) throw new Error(`preparing tag ${tag} failed: ${r.status} ${r.text}`);
  return tag;
}

function serverResource(hc: HostileCloud) {
  return { resource_id: hc.params.server_id!, resource_type: "OS::Nova::Server" };
}

const RECIPES: Record<string, Recipe> = {
  "POST /identity/v3/auth/tokens": () => ({
    caller: "none",
    body: { auth: { identity: { methods: ["password"], password: { user: { name: "demo", domain: { name: "Default" }, password: "demo" } } }, scope: { project: { name: "demo", domain: { name: "Default" } } } } },
  }),
  "GET /identity/v3/auth/tokens": (hc) => ({ caller: "demo", headers: { "x-subject-token": hc.token } }),
  "DELETE /identity/v3/auth/tokens": async (hc) => ({ caller: "demo", headers: { "x-subject-token": (await login(hc.cloud, "demo", "demo", "demo")).token } }),

  "POST /identity/v3/users/:user_id/application_credentials": () => ({ caller: "demo", body: { application_credential: { name: `hostile-ac-${++created}` } } }),

  "POST /_localcloud/clock": () => ({ caller: "none", headers: { ...ADMIN_HEADERS }, body: { advanceSeconds: 0 } }),
  "POST /_localcloud/faults": () => ({ caller: "none", headers: { ...ADMIN_HEADERS }, body: { seed: 1, rules: [] } }),
  "POST /_localcloud/fixtures": () => ({ caller: "none", headers: { ...ADMIN_HEADERS }, body: { projects: [] } }),
  "POST /_localcloud/tokens/revoke": () => ({ caller: "none", headers: { ...ADMIN_HEADERS }, body: { user: "demo-reader" } }),
  "POST /_localcloud/app-credentials": () => ({ caller: "none", headers: { ...ADMIN_HEADERS }, body: { user: "demo" } }),
  "POST /_localcloud/csbs/settings": () => ({ caller: "none", headers: { ...ADMIN_HEADERS }, body: { deleteSeconds: 0 } }),

  "POST /csbs/v1/:project_id/policies": (hc) => {
    const server = freeServer(hc);
    return {
    caller: "demo",
    body: {
      policy: {
        name: `hostile-new-${++created}`, provider_id: hc.providerId, parameters: { common: {} },
        scheduled_operations: [{ name: "weekly", enabled: true, operation_type: "backup", trigger: { properties: { pattern: WEEKLY } }, operation_definition: { max_backups: "5" } }],
        resources: [{ id: server.id, type: "OS::Nova::Server", name: server.name }],
      },
    },
  };
  },
  "PUT /csbs/v1/:project_id/policies/:policy_id": () => ({ caller: "demo", body: { policy: { description: "updated by the hostile spec" } } }),
  "POST /csbs/v1/:project_id/providers/:provider_id/checkpoints": (hc) => ({ caller: "demo", body: { checkpoint: { plan_id: hc.params.policy_id, parameters: { auto_trigger: false } } } }),
  "POST /csbs/v1/:project_id/providers/:provider_id/resources/:resource_id/action": () => ({ caller: "demo", body: { protect: { backup_name: "hostile-one-off" } } }),
  "POST /csbs/v1/:project_id/providers/:provider_id/resources/action": (hc) => ({ caller: "demo", body: { check_protectable: [serverResource(hc)] } }),
  "POST /csbs/v1/:project_id/restores": (hc) => ({
    caller: "demo",
    body: {
      restore: {
        provider_id: hc.providerId, checkpoint_id: hc.params.checkpoint_id,
        parameters: { checkpoint_item_id: hc.params.item_id, power_on: true, targets: { server_id: hc.params.server_id, volumes: [] } },
      },
    },
  }),
  "POST /csbs/v1/:project_id/csbs_backup_policy/resource_instances/action": () => ({ caller: "demo", body: { action: "filter", tags: [{ key: "team", values: ["web"] }] } }),
  "POST /csbs/v1/:project_id/csbs_backup_policy/:policy_id/tags": () => ({ caller: "demo", body: { tag: { key: "owner", value: "hostile" } } }),
  "POST /csbs/v1/:project_id/csbs_backup_policy/:policy_id/tags/action": () => ({ caller: "demo", body: { action: "create", tags: [{ key: "team", value: "web" }] } }),

  "GET /compute/v2.1/servers/:server_id/tags": () => ({ caller: "demo", headers: TAGS_VERSION }),
  "PUT /compute/v2.1/servers/:server_id/tags": () => ({ caller: "demo", headers: TAGS_VERSION, body: { tags: ["web", "hostile"] } }),
  "DELETE /compute/v2.1/servers/:server_id/tags": () => ({ caller: "demo", headers: TAGS_VERSION }),
  "GET /compute/v2.1/servers/:server_id/tags/:tag": async (hc) => ({ caller: "demo", headers: TAGS_VERSION, params: { tag: await withTag(hc, "kept") } }),
  "PUT /compute/v2.1/servers/:server_id/tags/:tag": () => ({ caller: "demo", headers: TAGS_VERSION, params: { tag: `hostile-${++created}` } }),
  "DELETE /compute/v2.1/servers/:server_id/tags/:tag": async (hc) => ({ caller: "demo", headers: TAGS_VERSION, params: { tag: await withTag(hc, "throwaway") } }),
  "GET /compute/v2.1/servers/:server_id/metadata/:key": (hc) => {
    const key = Object.keys(hostileServer(hc).metadata ?? {})[0];
    if (key === undefined) throw new Error(`the hostile cloud's server ${hc.params.server_id} has no metadata`);
    return { caller: "demo", params: { key } };
  },

  "POST /karbor/v1/:project_id/plans": (hc) => ({ caller: "karbor", body: planBody(hc, "hostile-plan") }),
  "PUT /karbor/v1/:project_id/plans/:plan_id": (hc) => ({ caller: "karbor", params: { plan_id: hc.karbor.planId }, body: { plan: { name: "kb-plan" } } }),
  "DELETE /karbor/v1/:project_id/plans/:plan_id": async (hc) => ({ caller: "karbor", params: { plan_id: await newPlan(hc) } }),
  "POST /karbor/v1/:project_id/triggers": () => ({ caller: "karbor", body: triggerBody("hostile-trigger") }),
  "PUT /karbor/v1/:project_id/triggers/:trigger_id": (hc) => ({ caller: "karbor", params: { trigger_id: hc.karbor.triggerId }, body: { trigger_info: { name: "kb-trigger" } } }),
  "DELETE /karbor/v1/:project_id/triggers/:trigger_id": async (hc) => ({ caller: "karbor", params: { trigger_id: await newTrigger(hc) } }),
  "POST /karbor/v1/:project_id/scheduled_operations": async (hc) => ({
    caller: "karbor",
    body: { scheduled_operation: { name: "hostile-op", operation_type: "protect", trigger_id: await newTrigger(hc), operation_definition: { plan_id: hc.karbor.planId, provider_id: OS_INFRA } } },
  }),
  "DELETE /karbor/v1/:project_id/scheduled_operations/:operation_id": async (hc) => {
    const op = await karbor<{ scheduled_operation: { id: string } }>(hc, "POST", "/scheduled_operations", {
      scheduled_operation: { name: "throwaway", operation_type: "protect", trigger_id: await newTrigger(hc), operation_definition: { plan_id: hc.karbor.planId, provider_id: OS_INFRA } },
    });
    return { caller: "karbor", params: { operation_id: op.scheduled_operation.id } };
  },
  "POST /karbor/v1/:project_id/providers/:provider_id/checkpoints": (hc) => ({ caller: "karbor", params: { provider_id: OS_INFRA }, body: { checkpoint: { plan_id: hc.karbor.planId } } }),
  "DELETE /karbor/v1/:project_id/providers/:provider_id/checkpoints/:checkpoint_id": async (hc) => {
    const cp = await karbor<{ checkpoint: { id: string } }>(hc, "POST", `/providers/${OS_INFRA}/checkpoints`, { checkpoint: { plan_id: hc.karbor.planId } });
    return { caller: "karbor", params: { provider_id: OS_INFRA, checkpoint_id: cp.checkpoint.id } };
  },
  "PUT /karbor/v1/:project_id/providers/:provider_id/checkpoints/:checkpoint_id": (hc) => ({
    caller: "karbor-admin", params: { provider_id: OS_INFRA, checkpoint_id: hc.karbor.checkpointId }, body: { "os-resetState": { state: "available" } },
  }),
  "POST /karbor/v1/:project_id/restores": (hc) => ({
    caller: "karbor", body: { restore: { provider_id: OS_INFRA, checkpoint_id: hc.karbor.checkpointId, restore_target: null, parameters: {} } },
  }),
  "PUT /karbor/v1/:project_id/quotas/:target": (hc) => ({ caller: "karbor-admin", params: { target: hc.karbor.projectId }, body: { quota: { plans: 50 } } }),
  "DELETE /karbor/v1/:project_id/quotas/:target": (hc) => ({ caller: "karbor-admin", params: { target: hc.karbor.projectId } }),
  "GET /karbor/v1/:project_id/os-services": () => ({ caller: "karbor-admin" }),
  "PUT /karbor/v1/:project_id/os-services/:service_id": (hc) => ({ caller: "karbor-admin", params: { service_id: hc.karbor.serviceId }, body: { status: "enabled" } }),
};

/** Karbor routes are called by the Karbor project's member, the others by demo (a token harms no open route). */
function defaultRequest(route: RouteShape): ValidRequest {
  if (route.service === "karbor") return { caller: "karbor" };
  if (route.service === "admin") return { caller: "none", headers: { ...ADMIN_HEADERS } };
  return { caller: "demo" };
}

/** The well-formed request for `route` (see the file comment). */
export async function validRequest(hc: HostileCloud, route: RouteShape): Promise<ValidRequest> {
  const recipe = RECIPES[`${route.method} ${route.pattern}`];
  const valid: ValidRequest = recipe ? await recipe(hc) : defaultRequest(route);
  if (route.service !== "karbor") return valid;
  return { ...valid, params: { ...hc.karbor.params, ...(valid.params ?? {}) } };
}
