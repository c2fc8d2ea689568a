/**
 * PolicyBackend over CSBS v1. One scheduled `backup` operation per policy; servers only through a PUT of the
 * whole `resources` list; a create whose answer was lost is looked up by its unique name before it is ever
 * sent again; `creating` is waited out; a delete refused while a backup runs is retried with growing pauses.
 */
import { ApiError } from "../clients/api-error";
import type { CsbsClient } from "../clients/csbs";
import { notApplied, outcomeUnknown } from "../clients/outcome";
import { systemClock, waitDelayMs, waitFor, type Clock, type WaitPolicy } from "../clients/retry";
import { SharedPoll } from "../clients/shared-poll";
import { LIMITS } from "../domain/limits";
import type { CsbsPolicy } from "../wire/csbs";
import {
  createBody,
  recordFromWire,
  serverResources,
  tagsFromWire,
  updateBody,
} from "./csbs-wire-mapping";
import { splitOwnerTag, withOwnerTag } from "./ownership-marker";
import { PolicyNotFoundError, type PolicyBackend, type PolicyRecord, type PolicySpec } from "./policy-backend";
import { ServerNames, type ServerNameLookup } from "./server-names";

export type { ServerNameLookup } from "./server-names";

/** Policy statuses in which the policy can be used (CSBS clouds differ in which word they use). */
const USABLE = new Set(["suspended", "started", "enabled", "disabled"]);

/** Timings; shortened in tests. */
export interface CsbsBackendTimings {
  usable: WaitPolicy;
  deleteConflict: WaitPolicy;
  /** Pauses between create attempts whose outcome is known to be "not applied". */
  createRetry: WaitPolicy;
}

export const DEFAULT_TIMINGS: CsbsBackendTimings = {
  // Polls at 0.5, 1.5, 3.5, 5.5 s, … after the create's answer, then every 2 s: shared by every policy waiting
  // at the time (shared-poll.ts), so the cap costs one request per 2 s for all of them, not per policy.
  usable: { initialDelayMs: 500, maxDelayMs: 2_000, timeoutMs: 10 * 60_000 },
  deleteConflict: { initialDelayMs: 2_000, maxDelayMs: 30_000, timeoutMs: 20 * 60_000 },
  createRetry: { initialDelayMs: 1_000, maxDelayMs: 8_000, timeoutMs: 2 * 60_000 },
};

const CREATE_ATTEMPTS = 4;

export class CsbsBackend implements PolicyBackend {
  readonly api = "csbs" as const;
  private readonly names: ServerNames;
  /** Every policy this backend waits for (`creating`), polled together. */
  private readonly creating: SharedPoll<CsbsPolicy>;

  constructor(
    private readonly client: CsbsClient,
    serverName: ServerNameLookup,
    private readonly timings: CsbsBackendTimings = DEFAULT_TIMINGS,
    private readonly clock: Clock = systemClock,
  ) {
    this.names = new ServerNames(serverName);
    this.creating = new SharedPoll<CsbsPolicy>(
      async (ids) => {
        if (ids.length === 1) {
          const one = await this.client.getPolicy(ids[0]!);
          return { found: new Map(one ? [[one.id, one]] : []), authoritative: true };
        }
        const all = await this.client.listPolicies();
        return { found: new Map(all.map((p) => [p.id, p])), authoritative: false };
      },
      this.timings.usable,
      this.clock,
    );
  }

  async list(): Promise<PolicyRecord[]> {
    return (await this.client.listPolicies()).map((p) => this.remember(p));
  }

  async get(id: string): Promise<PolicyRecord | undefined> {
    const policy = await this.client.getPolicy(id);
    return policy ? this.remember(policy) : undefined;
  }

  async findByName(name: string): Promise<PolicyRecord | undefined> {
    const policy = await this.findWireByName(name);
    return policy ? this.remember(policy) : undefined;
  }

  async create(spec: PolicySpec): Promise<PolicyRecord> {
    const created = await this.createOnce(spec);
    // The answer to the POST already says whether the policy is usable: wait (and GET) only when it is not.
    if (USABLE.has(created.status)) return this.remember(created);
    return this.waitUsable(created.id, spec.name);
  }

  async update(id: string, spec: PolicySpec): Promise<PolicyRecord> {
    let current = await this.requireWire(id);
    // A policy taken over after an interrupted create may still be settling; write it once it is usable.
    if (current.status === "creating") current = await this.waitUsableWire(id, spec.name);
    const body = updateBody(spec, current);
    const updated = body ? await this.client.updatePolicy(id, body) : current;
    const record = this.remember(updated);
    const currentTags = tagsFromWire(current.tags);
    // The marker rides along with the user's tags, so a tag update never drops it.
    const wanted = withOwnerTag(spec.tags, spec.owner, splitOwnerTag(currentTags).owner);
    if (!sameTags(wanted, currentTags)) {
      await this.client.setPolicyTags(id, wanted);
      const written = splitOwnerTag(wanted);
      record.tags = written.tags;
      if (written.owner !== undefined) record.owner = written.owner;
    }
    return record;
  }

  async setServers(id: string, serverIds: string[]): Promise<PolicyRecord> {
    const servers = await Promise.all(
      serverIds.map(async (serverId) => ({ id: serverId, name: await this.names.nameOf(serverId) })),
    );
    const updated = await this.client.updatePolicy(id, { policy: { resources: serverResources(servers) } });
    return this.remember(updated);
  }

  async delete(id: string): Promise<void> {
    const deadline = this.clock.now() + this.timings.deleteConflict.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.deletePolicy(id);
        return;
      } catch (err) {
        if (!isBusy(err) || this.clock.now() >= deadline) throw err;
      }
      // A backup of the policy is running. Wait, and ask (GET) rather than re-sending DELETE until it may pass.
      await this.clock.sleep(waitDelayMs(attempt, this.timings.deleteConflict));
      if (!(await this.client.getPolicy(id))) return;
    }
  }

  async policyQuota(): Promise<number> {
    try {
      const quotas = await this.client.quotas();
      const policies = quotas.find((q) => q.type === "policies" || q.type === "policy");
      const quota = Number(policies?.quota);
      return Number.isInteger(quota) && quota >= 0 ? quota : LIMITS.policiesPerProject;
    } catch (err) {
      // Clouds without a quota endpoint still enforce the documented limit.
      if (err instanceof ApiError && (err.status === 404 || err.status === 405 || err.status === 501)) {
        return LIMITS.policiesPerProject;
      }
      throw err;
    }
  }

  /**
   * One POST. When its outcome is unknown (no answer, or a gateway error), the policy is looked up by its unique
   * name first and the POST is sent again only when it is not there.
   */
  private async createOnce(spec: PolicySpec): Promise<CsbsPolicy> {
    const body = createBody(spec);
    let lastError: unknown;
    for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        await this.clock.sleep(waitDelayMs(attempt - 1, this.timings.createRetry));
        if (outcomeUnknown(lastError)) {
          const found = await this.findWireByName(spec.name);
          if (found) return found;
        }
      }
      try {
        return await this.client.createPolicy(body);
      } catch (err) {
        if (!outcomeUnknown(err) && !notApplied(err)) throw err;
        lastError = err;
      }
    }
    if (outcomeUnknown(lastError)) {
      const found = await this.findWireByName(spec.name);
      if (found) return found;
    }
    throw lastError;
  }

  private async waitUsable(id: string, name: string): Promise<PolicyRecord> {
    return this.remember(await this.waitUsableWire(id, name));
  }

  private async waitUsableWire(id: string, name: string): Promise<CsbsPolicy> {
    return this.creating.wait(
      id,
      (policy, authoritative) => {
        if (!policy) {
          // A listing may lag behind a create; only a GET of the policy itself says it is gone.
          if (!authoritative) return undefined;
          throw new Error(`policy "${name}" (${id}) disappeared while it was being created: run the command again`);
        }
        if (policy.status === "error") throw new Error(`policy "${name}" (${id}) ended in status "error" after create: delete it and run the command again`);
        return USABLE.has(policy.status) ? policy : undefined;
      },
      () => new Error(`policy "${name}" (${id}) was still not usable ${Math.round(this.timings.usable.timeoutMs / 1000)} s after create: check it in the console and run the command again`),
    );
  }

  private async findWireByName(name: string): Promise<CsbsPolicy | undefined> {
    const matches = (await this.client.listPolicies({ name })).filter((p) => p.name === name);
    return matches[0];
  }

  private async requireWire(id: string): Promise<CsbsPolicy> {
    const policy = await this.client.getPolicy(id);
    if (!policy) throw new PolicyNotFoundError(id);
    return policy;
  }

  private remember(policy: CsbsPolicy): PolicyRecord {
    this.names.note(policy.resources ?? []);
    return recordFromWire(policy);
  }
}

function sameTags(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

/** The policy cannot be deleted right now because one of its backups is being made. */
function isBusy(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 409 || err.code === "CSBS.2004");
}
