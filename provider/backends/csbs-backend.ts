/**
 * PolicyBackend over CSBS v1. One scheduled `backup` operation per policy; servers only through a PUT of the
 * whole `resources` list; a create whose answer was lost is looked up by its unique name before it is ever
 * sent again; a create answers as the POST left the policy (maybe `creating`), and `usable` waits that out for
 * whoever needs it; a delete refused while a backup runs is retried with growing pauses.
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
import { PolicyNotFoundError, PolicyUnusableError, type PolicyBackend, type PolicyRecord, type PolicySpec } from "./policy-backend";
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

  /** The POST's answer as it is: the whole declared policy (schedule, on/off, retention, tags) is in its body. */
  async create(spec: PolicySpec): Promise<PolicyRecord> {
    return this.remember(await this.createOnce(spec));
  }

  async usable(id: string, seen?: PolicyRecord): Promise<PolicyRecord | undefined> {
    if (seen) {
      if (USABLE.has(seen.status)) return seen;
      if (seen.status === "error") throw createFailed(id, seen.name);
      // Seen just now (the create's answer): not asked about again at once, the shared poll looks later.
      return this.remember(await this.waitUsableWire(id, seen.name));
    }
    const current = await this.client.getPolicy(id);
    if (!current) return undefined;
    if (USABLE.has(current.status)) return this.remember(current);
    return this.remember(await this.waitUsableWire(id, current.name, current));
  }

  async update(id: string, spec: PolicySpec): Promise<PolicyRecord> {
    let current = await this.requireWire(id);
    // A policy taken over after an interrupted create may still be settling; write it once it is usable.
    if (!USABLE.has(current.status)) current = await this.waitUsableWire(id, spec.name, current);
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

  /** Waits until the policy is usable; `current`, when given, is a look just taken (an `error` there fails at once). */
  private async waitUsableWire(id: string, name: string, current?: CsbsPolicy): Promise<CsbsPolicy> {
    const judge = (policy: CsbsPolicy | undefined, authoritative: boolean): CsbsPolicy | undefined => {
      if (!policy) {
        // A listing may lag behind a create; only a GET of the policy itself says it is gone.
        if (!authoritative) return undefined;
        throw new PolicyUnusableError("policy.vanished", id, `policy "${name}" (${id}) disappeared while it was being created (deleted in the console?): run pulumi refresh, then pulumi up`);
      }
      if (policy.status === "error") throw createFailed(id, name);
      return USABLE.has(policy.status) ? policy : undefined;
    };
    if (current) judge(current, true);
    return this.creating.wait(
      id,
      judge,
      () =>
        new PolicyUnusableError(
          "policy.createTimeout",
          id,
          `policy "${name}" (${id}) was still "creating" ${Math.round(this.timings.usable.timeoutMs / 1000)} s after its create: check it in the console and run again once it is usable`,
        ),
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

function createFailed(id: string, name: string): PolicyUnusableError {
  return new PolicyUnusableError(
    "policy.createFailed",
    id,
    `policy "${name}" (${id}) ended in status "error" after its create: the service could not set it up; delete it (console or pulumi destroy) and run again`,
  );
}

function sameTags(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

/** The policy cannot be deleted right now because one of its backups is being made. */
function isBusy(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 409 || err.code === "CSBS.2004");
}
