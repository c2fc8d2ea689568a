/**
 * Policy lifecycle rules that hold whatever the dialect: the schedule limits, one policy per server, 64 servers,
 * 32 policies, unique names, and no delete while one of the policy's backups runs.
 */
import { randomUUID } from "node:crypto";
import type { CloudContext } from "../../core/contracts";
import { parseIcal } from "../ical";
import { MAX_POLICIES_PER_PROJECT, MAX_SERVERS_PER_POLICY } from "../limits";
import { checkScheduleRules, epochDay } from "../schedule-rules";
import { DomainError } from "./domain-error";
import { eligibleServer } from "./eligibility";
import { getSettings } from "./settings";
import { addSeconds } from "./time";
import { BackupItem, COLLECTIONS, PolicyRecord, PolicyServer, PolicyTag, Retention } from "./types";

/** What a client asks for when it creates a policy (already shape-checked by the dialect). */
export interface PolicySpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  /** Server ids with the names the client gave (empty name = use the server's own). */
  servers: PolicyServer[];
  enabled: boolean;
  pattern: string;
  startTime?: Date;
  operationName: string;
  operationDescription: string;
  retention: Retention;
  tags: PolicyTag[];
}

/** What an update may change; absent = keep. */
export interface PolicyPatch {
  name?: string;
  description?: string;
  parameters?: Record<string, unknown>;
  servers?: PolicyServer[];
  enabled?: boolean;
  pattern?: string;
  operationName?: string;
  operationDescription?: string;
  retention?: Retention;
}

export function listProjectPolicies(ctx: CloudContext, projectId: string): PolicyRecord[] {
  return ctx.store.list(COLLECTIONS.policies).filter((p) => p.projectId === projectId);
}

export function getPolicy(ctx: CloudContext, projectId: string, id: string): PolicyRecord {
  const policy = ctx.store.get(COLLECTIONS.policies, id);
  if (!policy || policy.projectId !== projectId) {
    throw new DomainError("policy-not-found", `plan not found: policy ${id} does not exist in this project`, id);
  }
  return policy;
}

/** Throws when the pattern is unreadable or breaks the run limits over a whole cycle from `start`. */
export function checkPattern(pattern: string, start: Date): void {
  const parsed = parseIcal(pattern);
  if (!parsed.ok) throw new DomainError("invalid", parsed.problem);
  const problem = checkScheduleRules(parsed.rules, epochDay(start));
  if (problem) throw new DomainError("invalid", problem);
}

function checkName(ctx: CloudContext, projectId: string, name: string, selfId?: string): void {
  if (listProjectPolicies(ctx, projectId).some((p) => p.name === name && p.id !== selfId)) {
    throw new DomainError("duplicate-name", `duplicate service name: a policy named "${name}" already exists in this project; choose another name`, name);
  }
}

/** Checks the servers of a policy and resolves empty names to the servers' own. */
function checkServers(ctx: CloudContext, projectId: string, servers: PolicyServer[], selfId?: string): PolicyServer[] {
  if (servers.length > MAX_SERVERS_PER_POLICY) {
    throw new DomainError("invalid", `a policy can have at most ${MAX_SERVERS_PER_POLICY} servers (got ${servers.length}); split them over several policies`);
  }
  const seen = new Set<string>();
  const taken = new Map<string, string>();
  for (const p of listProjectPolicies(ctx, projectId)) {
    if (p.id !== selfId) for (const s of p.servers) taken.set(s.id, p.id);
  }
  return servers.map((s) => {
    if (seen.has(s.id)) throw new DomainError("invalid", `resources lists server ${s.id} twice; list each server once`);
    seen.add(s.id);
    const server = eligibleServer(ctx, projectId, s.id);
    const owner = taken.get(s.id);
    if (owner) throw new DomainError("server-taken", `Server (${s.id}) is already in service.`, s.id);
    return { id: s.id, name: s.name || server.name };
  });
}

export function createPolicy(ctx: CloudContext, projectId: string, spec: PolicySpec): PolicyRecord {
  const now = ctx.clock.now();
  const start = spec.startTime ?? now;
  checkPattern(spec.pattern, start);
  if (listProjectPolicies(ctx, projectId).length >= MAX_POLICIES_PER_PROJECT) {
    throw new DomainError("policy-quota", `Service over limit: a project can have at most ${MAX_POLICIES_PER_PROJECT} policies; delete one first`);
  }
  checkName(ctx, projectId, spec.name);
  const servers = checkServers(ctx, projectId, spec.servers);
  const { creatingSeconds, failPolicyNames } = getSettings(ctx.store);
  const policy: PolicyRecord = {
    id: randomUUID(),
    projectId,
    name: spec.name,
    description: spec.description,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    creatingUntil: creatingSeconds > 0 ? addSeconds(now, creatingSeconds).toISOString() : undefined,
    parameters: spec.parameters,
    servers,
    schedule: {
      operationId: randomUUID(),
      operationName: spec.operationName,
      operationDescription: spec.operationDescription,
      triggerId: randomUUID(),
      enabled: spec.enabled,
      pattern: spec.pattern,
      // start_time has whole seconds on the wire; keep the same precision so DAILY phases agree with it.
      startTime: new Date(Math.floor(start.getTime() / 1000) * 1000).toISOString(),
      activeSince: now.toISOString(),
      retention: spec.retention,
    },
    tags: spec.tags,
  };
  if (policy.creatingUntil === undefined) delete policy.creatingUntil;
  if (failPolicyNames.includes(spec.name)) policy.createFails = true;
  ctx.store.put(COLLECTIONS.policies, policy);
  return policy;
}

export function updatePolicy(ctx: CloudContext, policy: PolicyRecord, patch: PolicyPatch): PolicyRecord {
  const now = ctx.clock.now();
  const next: PolicyRecord = { ...policy, schedule: { ...policy.schedule }, updatedAt: now.toISOString() };
  if (patch.pattern !== undefined) {
    checkPattern(patch.pattern, new Date(policy.schedule.startTime));
    if (patch.pattern !== policy.schedule.pattern) next.schedule.activeSince = now.toISOString();
    next.schedule.pattern = patch.pattern;
  }
  if (patch.name !== undefined) {
    checkName(ctx, policy.projectId, patch.name, policy.id);
    next.name = patch.name;
  }
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.parameters !== undefined) next.parameters = patch.parameters;
  if (patch.servers !== undefined) next.servers = checkServers(ctx, policy.projectId, patch.servers, policy.id);
  if (patch.enabled !== undefined) {
    if (patch.enabled && !policy.schedule.enabled) next.schedule.activeSince = now.toISOString();
    next.schedule.enabled = patch.enabled;
  }
  if (patch.operationName !== undefined) next.schedule.operationName = patch.operationName;
  if (patch.operationDescription !== undefined) next.schedule.operationDescription = patch.operationDescription;
  if (patch.retention !== undefined) next.schedule.retention = patch.retention;
  ctx.store.put(COLLECTIONS.policies, next);
  return next;
}

/** Deletes the policy but keeps its backups; refused while one of them is being made. */
export function deletePolicy(ctx: CloudContext, policy: PolicyRecord): void {
  const running = ctx.store.list(COLLECTIONS.items)
    .some((i) => i.policyId === policy.id && i.status === "protecting");
  if (running) {
    throw new DomainError("plan-executing", `item in plan executing: a backup of policy ${policy.id} is running; retry when it has finished`);
  }
  ctx.store.delete(COLLECTIONS.policies, policy.id);
}

/** Status as the dialects show it: `creating` for a configured while after create, then `suspended` (`error` when the create fails). */
export function policyStatus(policy: PolicyRecord, now: Date): "creating" | "suspended" | "error" {
  if (policy.creatingUntil && now.getTime() < Date.parse(policy.creatingUntil)) return "creating";
  return policy.createFails ? "error" : "suspended";
}
