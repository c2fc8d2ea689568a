/** Running a policy now (manual) and one-off backups of a single server. */
import { randomUUID } from "node:crypto";
import type { CloudContext } from "../../core/contracts";
import { startRun } from "./backups";
import { DomainError } from "./domain-error";
import { eligibleServer } from "./eligibility";
import { BackupItem, CheckpointRecord, COLLECTIONS, PolicyRecord, PolicyTag } from "./types";

function running(ctx: CloudContext, policyId: string): BackupItem[] {
  return ctx.store.list(COLLECTIONS.items).filter((i) => i.policyId === policyId && i.status === "protecting");
}

/** Whether an automatic or a manual run of the policy is in progress. */
export function runInProgress(ctx: CloudContext, policyId: string): { manual: boolean; automatic: boolean } {
  const items = running(ctx, policyId);
  return { manual: items.some((i) => !i.automatic), automatic: items.some((i) => i.automatic) };
}

/**
 * Executes a policy now: one manual backup per server (all of the policy's, or the given subset). Refused
 * while a manual or automatic run of the policy is in progress, and when the policy has no server.
 */
export function executePolicy(ctx: CloudContext, policy: PolicyRecord, subset?: string[]): CheckpointRecord {
  const busy = runInProgress(ctx, policy.id);
  if (busy.manual) throw new DomainError("manual-executing", `The policy is executing backup: a manual run of policy ${policy.id} is in progress; retry when it has finished`);
  if (busy.automatic) throw new DomainError("auto-executing", `auto plan executing: a scheduled run of policy ${policy.id} is in progress; retry when it has finished`);
  let servers = policy.servers;
  if (subset && subset.length > 0) {
    servers = subset.map((id) => {
      const s = policy.servers.find((p) => p.id === id);
      if (!s) throw new DomainError("invalid", `parameters.resources lists server ${id}, which is not in policy ${policy.id}; give servers of the policy`);
      return s;
    });
  }
  const backingUp = servers.filter((s) => ctx.store.list(COLLECTIONS.items).some((i) => i.resourceId === s.id && i.status === "protecting"));
  if (backingUp.length > 0) {
    throw new DomainError("server-backing-up",
      `server ${backingUp.map((s) => s.id).join(", ")} is being backed up; a server that is being backed up cannot be backed up again: retry when that backup has finished`, backingUp[0].id);
  }
    if (servers.length === 0) throw new DomainError("no-resources", `plan has no resource backup: policy ${policy.id} has no server; associate a server first`);
  return startRun(ctx, {
    projectId: policy.projectId, policyId: policy.id, planId: policy.id, planName: policy.name, servers,
    at: ctx.clock.now(), automatic: false,
  }).checkpoint;
}

export interface OneOffRequest {
  name?: string;
  description?: string;
  tags?: PolicyTag[];
}

/** A one-off backup of one server through a hidden pseudo-plan `fake_<uuid>`, as CSBS does. */
export function protectServer(ctx: CloudContext, projectId: string, serverId: string, req: OneOffRequest): CheckpointRecord {
  const server = eligibleServer(ctx, projectId, serverId);
  const busy = ctx.store.list(COLLECTIONS.items).some((i) => i.resourceId === serverId && i.status === "protecting");
  if (busy) throw new DomainError("item-busy", `item in executing: server ${serverId} is being backed up; retry when that backup has finished`, serverId);
  return startRun(ctx, {
    projectId, planId: `fake_${randomUUID()}`, planName: `server protect plan for ${serverId}`,
    servers: [{ id: server.id, name: server.name }], at: ctx.clock.now(), automatic: false,
    name: req.name, description: req.description, tags: req.tags,
  }).checkpoint;
}
