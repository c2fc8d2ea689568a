/**
 * Karbor plans on the shared policy records (see ./types.ts). Karbor's own rules, not CSBS's: names need not be
 * unique, a server may be in several plans, the quota is `plans` (50 by default), only a `suspended` plan can be
 * updated, and delete checks nothing (operations and checkpoints may still name the plan).
 */
import type { CloudContext } from "../../core/contracts";
import { newId } from "../../core/ids";
import { COLLECTIONS, type PolicyRecord, type PolicyServer } from "../../csbs/model/types";
import { badRequest, isUuidLike, limitExceeded, NOT_FOUND } from "../faults";
import { SERVER_TYPE } from "../provider-info";
import { getQuota, plansInUse } from "./quotas";
import { KARBOR, type KarborPlanExtra, type PlanResource } from "./types";

export interface Plan {
  policy: PolicyRecord;
  extra: KarborPlanExtra;
}

export interface PlanCreate {
  name: string;
  description: string | null;
  providerId: string;
  resources: PlanResource[];
  parameters: Record<string, unknown>;
}

export interface PlanPatch {
  name?: string;
  description?: string | null;
  status?: string;
  resources?: PlanResource[];
}

function serversOf(resources: PlanResource[]): PolicyServer[] {
  return resources.filter((r) => r.type === SERVER_TYPE).map((r) => ({ id: r.id, name: r.name }));
}

export function findPlan(ctx: CloudContext, projectId: string | undefined, id: string): Plan | undefined {
  const extra = ctx.store.get(KARBOR.plans, id);
  const policy = ctx.store.get(COLLECTIONS.policies, id);
  if (!extra || !policy || (projectId !== undefined && extra.projectId !== projectId)) return undefined;
  return { policy, extra };
}

export function getPlan(ctx: CloudContext, projectId: string | undefined, id: string): Plan {
  if (!isUuidLike(id)) throw badRequest("Invalid plan id provided.");
  const plan = findPlan(ctx, projectId, id);
  if (!plan) throw NOT_FOUND.plan(id);
  return plan;
}

export function listPlans(ctx: CloudContext, projectId: string | undefined): Plan[] {
  const out: Plan[] = [];
  for (const extra of ctx.store.list(KARBOR.plans)) {
    if (projectId !== undefined && extra.projectId !== projectId) continue;
    const policy = ctx.store.get(COLLECTIONS.policies, extra.id);
    if (policy) out.push({ policy, extra });
  }
  return out;
}

export function createPlan(ctx: CloudContext, projectId: string, spec: PlanCreate): Plan {
  const quota = getQuota(ctx, projectId).plans;
  if (quota >= 0 && plansInUse(ctx, projectId) + 1 > quota) {
    throw limitExceeded("plans", quota);
  }
  const now = ctx.clock.now().toISOString();
  const id = newId();
  const policy: PolicyRecord = {
    id, projectId, name: spec.name, description: spec.description ?? "", createdAt: now, updatedAt: now,
    parameters: spec.parameters, servers: serversOf(spec.resources), tags: [],
    schedule: {
      operationId: "", operationName: "", operationDescription: "", triggerId: "", enabled: false, pattern: "",
      startTime: now, activeSince: now, retention: { maxBackups: -1, retentionDurationDays: -1, permanent: true },
    },
  };
  const extra: KarborPlanExtra = {
    id, projectId, providerId: spec.providerId, status: "suspended", description: spec.description, resources: spec.resources, parameters: spec.parameters,
  };
  ctx.store.put(KARBOR.plans, extra);
  ctx.store.put(COLLECTIONS.policies, policy);
  return { policy, extra };
}

export function updatePlan(ctx: CloudContext, plan: Plan, patch: PlanPatch): Plan {
  if (plan.extra.status !== "suspended") throw badRequest("Invalid plan: The plan can be only updated in suspended status.");
  const policy: PolicyRecord = { ...plan.policy, updatedAt: ctx.clock.now().toISOString() };
  const extra: KarborPlanExtra = { ...plan.extra };
  if (patch.name !== undefined) policy.name = patch.name;
  if (patch.description !== undefined) {
    policy.description = patch.description ?? "";
    extra.description = patch.description;
  }
  if (patch.status !== undefined) extra.status = patch.status;
  if (patch.resources !== undefined) {
    extra.resources = patch.resources;
    policy.servers = serversOf(patch.resources);
  }
  ctx.store.put(KARBOR.plans, extra);
  ctx.store.put(COLLECTIONS.policies, policy);
  return { policy, extra };
}

export function deletePlan(ctx: CloudContext, plan: Plan): void {
  ctx.store.delete(COLLECTIONS.policies, plan.policy.id);
  ctx.store.delete(KARBOR.plans, plan.extra.id);
}
