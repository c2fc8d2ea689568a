/**
 * PolicyBackend over upstream OpenStack Karbor v1 (chosen by backend-factory when csbs:api is "karbor").
 *
 * A BackupPolicy is a plan + a `time` trigger + (while enabled) one `retention_protect` scheduled operation;
 * a PolicyAssociation is part of the plan's resources (see karbor-mapping.ts for where tags and retention live).
 * Karbor's rules are hidden here:
 * - A plan must be created with at least one resource, but a policy exists before any association. The plan is
 *   created with the project itself (`OS::Keystone::Project`, which always exists) as a placeholder and emptied
 *   by an update right away, before any trigger or operation could run it: an update may set `resources: []`.
 * - Only a `suspended` plan can be updated, so the backend never touches `status`.
 * - A scheduled operation cannot be updated: a retention or on/off change creates the new one, then deletes the
 *   old one; disabled = no operation.
 * - A trigger update that carries properties must repeat `start_time`: the trigger's own is sent back, so the
 *   phase of an every-N-days schedule never moves.
 */
import { ApiError } from "../clients/api-error";
import { KarborClient } from "../clients/karbor";
import type { Session } from "../clients/session";
import { outcomeUnknown } from "../clients/outcome";
import { retentionMatches } from "../domain/retention";
import {
  KARBOR_OS_INFRA_PROVIDER_ID,
  KARBOR_PROJECT_TYPE,
  KARBOR_SERVER_TYPE,
  type KarborPlan,
  type KarborScheduledOperation,
  type KarborTriggerUpdateBody,
} from "../wire/karbor";
import { ServerNames, type ServerNameLookup } from "./server-names";
import {
  decodeTriggerName,
  encodeTriggerName,
  MAX_NAME_LENGTH,
  operationDefinition,
  partsOf,
  recordFromParts,
  retentionFromOperation,
  type PlanParts,
} from "./karbor-mapping";
import { PolicyNotFoundError, type PolicyBackend, type PolicyRecord, type PolicySpec } from "./policy-backend";

/** Karbor's default `quota_plans`, for clouds whose quota API cannot be read. */
export const DEFAULT_PLAN_QUOTA = 50;
const OPERATION_PREFIX = "csbs-policy:";

export class KarborBackend implements PolicyBackend {
  readonly api = "karbor" as const;
  private readonly names: ServerNames;

  constructor(
    private readonly client: KarborClient,
    serverName: ServerNameLookup,
  ) {
    this.names = new ServerNames(serverName);
  }

  async list(): Promise<PolicyRecord[]> {
    const [plans, triggers, operations, projectId] = await Promise.all([
      this.client.listPlans(), this.client.listTriggers(), this.client.listOperations(), this.client.projectId(),
    ]);
    return partsOf(plans, triggers, operations).map((p) => this.record(p, projectId));
  }

  async get(id: string): Promise<PolicyRecord | undefined> {
    const plan = await this.client.getPlan(id);
    return plan ? this.record(await this.partsFor(plan), await this.client.projectId()) : undefined;
  }

  async findByName(name: string): Promise<PolicyRecord | undefined> {
    const plan = (await this.client.listPlans({ name })).find((p) => p.name === name);
    return plan ? this.record(await this.partsFor(plan), await this.client.projectId()) : undefined;
  }

  async create(spec: PolicySpec): Promise<PolicyRecord> {
    checkTriggerName(encodeTriggerName("00000000-0000-0000-0000-000000000000", spec.retention, spec.tags, spec.owner));
    const projectId = await this.client.projectId();
    const plan = await this.createPlan(spec, projectId);
    try {
      const emptied = await this.client.updatePlan(plan.id, { plan: { resources: [] } });
      const trigger = await this.client.createTrigger({
        trigger_info: {
          name: encodeTriggerName(plan.id, spec.retention, spec.tags, spec.owner),
          type: "time",
          // No start_time: the cloud's own clock starts it, so runs begin when the cloud says "now".
          properties: { format: "calendar", pattern: spec.pattern },
        },
      });
      const operations = spec.enabled ? [await this.createOperation(plan.id, trigger.id, spec)] : [];
      return this.record({ plan: emptied, trigger, operations }, projectId);
    } catch (err) {
      // Leave no half-made policy behind under the name a retry will use.
      await this.delete(plan.id).catch(() => undefined);
      throw err;
    }
  }

  /** A Karbor plan is usable as soon as its create answers (it has no `creating` phase): nothing to wait for. */
  async usable(id: string, seen?: PolicyRecord): Promise<PolicyRecord | undefined> {
    return seen ?? this.get(id);
  }

  async update(id: string, spec: PolicySpec): Promise<PolicyRecord> {
    const parts = await this.requireParts(id);
    const projectId = await this.client.projectId();
    let plan = parts.plan;
    // Without a new marker the current one stays, as on CSBS.
    const owner = spec.owner ?? (parts.trigger ? decodeTriggerName(parts.trigger.name)?.owner : undefined);
    const wantedName = checkTriggerName(encodeTriggerName(id, spec.retention, spec.tags, owner));
    if (plan.name !== spec.name || (plan.description ?? "") !== spec.description) {
      requireSuspended(plan);
      plan = await this.client.updatePlan(id, { plan: { name: spec.name, description: spec.description } });
    }
    let trigger = parts.trigger;
    if (!trigger) {
      trigger = await this.client.createTrigger({ trigger_info: { name: wantedName, type: "time", properties: { format: "calendar", pattern: spec.pattern } } });
    } else {
      const body: KarborTriggerUpdateBody = { trigger_info: {} };
      if (trigger.name !== wantedName) body.trigger_info.name = wantedName;
      if (trigger.properties.pattern !== spec.pattern) {
        body.trigger_info.properties = {
          format: trigger.properties.format ?? "calendar",
          pattern: spec.pattern,
          start_time: trigger.properties.start_time ?? karborTime(new Date()),
        };
      }
      if (Object.keys(body.trigger_info).length > 0) trigger = await this.client.updateTrigger(trigger.id, body);
    }
    const triggerId = trigger.id;
    const keep = spec.enabled
      ? parts.operations.find((o) => o.trigger_id === triggerId && retentionMatches(spec.retention, retentionFromOperation(o)))
      : undefined;
    const created = spec.enabled && !keep ? await this.createOperation(id, triggerId, spec) : undefined;
    const current = keep ?? created;
    // New first, old after: the plan is never without a schedule while it should have one.
    for (const op of parts.operations) if (op !== current) await this.client.deleteOperation(op.id);
    return this.record({ plan, trigger, operations: current ? [current] : [] }, projectId);
  }

  async setServers(id: string, serverIds: string[]): Promise<PolicyRecord> {
    const plan = await this.requirePlan(id);
    requireSuspended(plan);
    const servers = await Promise.all(
      serverIds.map(async (serverId) => ({ id: serverId, type: KARBOR_SERVER_TYPE, name: await this.names.nameOf(serverId) })),
    );
    // Resources the policy does not manage (volumes added by hand, say) stay in the plan.
    const others = (plan.resources ?? []).filter((r) => r.type !== KARBOR_SERVER_TYPE);
    const updated = await this.client.updatePlan(id, { plan: { resources: [...others, ...servers] } });
    return this.record(await this.partsFor(updated), await this.client.projectId());
  }

  async delete(id: string): Promise<void> {
    const [triggers, operations] = await Promise.all([this.client.listTriggers(), this.client.listOperations()]);
    for (const op of operations) if (op.operation_definition?.plan_id === id) await this.client.deleteOperation(op.id);
    await this.client.deletePlan(id);
    for (const t of triggers) {
      if (decodeTriggerName(t.name)?.planId !== id) continue;
      try {
        await this.client.deleteTrigger(t.id);
      } catch (err) {
        // Someone else's operation uses our trigger: leave the trigger to them.
        if (!(err instanceof ApiError && err.status === 424)) throw err;
      }
    }
  }

  async policyQuota(): Promise<number> {
    try {
      const plans = Number((await this.client.quota()).plans);
      if (!Number.isInteger(plans)) return DEFAULT_PLAN_QUOTA;
      return plans < 0 ? Number.MAX_SAFE_INTEGER : plans;
    } catch (err) {
      if (err instanceof ApiError && [403, 404, 405, 501].includes(err.status)) return DEFAULT_PLAN_QUOTA;
      throw err;
    }
  }

  /** One POST; when its outcome is unknown the plan is looked up by name before the error is passed on. */
  private async createPlan(spec: PolicySpec, projectId: string): Promise<KarborPlan> {
    try {
      return await this.client.createPlan({
        plan: {
          name: spec.name,
          description: spec.description,
          provider_id: KARBOR_OS_INFRA_PROVIDER_ID,
          parameters: {},
          resources: [{ id: projectId, type: KARBOR_PROJECT_TYPE, name: "pulumi-csbs placeholder" }],
        },
      });
    } catch (err) {
      if (!outcomeUnknown(err)) throw err;
      const found = (await this.client.listPlans({ name: spec.name })).find((p) => p.name === spec.name);
      if (found) return found;
      throw err;
    }
  }

  private createOperation(planId: string, triggerId: string, spec: PolicySpec): Promise<KarborScheduledOperation> {
    return this.client.createOperation({
      scheduled_operation: {
        name: `${OPERATION_PREFIX}${planId}`,
        operation_type: "retention_protect",
        trigger_id: triggerId,
        operation_definition: operationDefinition(planId, spec.retention),
      },
    });
  }

  private async partsFor(plan: KarborPlan): Promise<PlanParts> {
    const [triggers, operations] = await Promise.all([this.client.listTriggers(), this.client.listOperations()]);
    return partsOf([plan], triggers, operations)[0];
  }

  private async requirePlan(id: string): Promise<KarborPlan> {
    const plan = await this.client.getPlan(id);
    if (!plan) throw new PolicyNotFoundError(id);
    return plan;
  }

  private async requireParts(id: string): Promise<PlanParts> {
    return this.partsFor(await this.requirePlan(id));
  }

  private record(parts: PlanParts, projectId: string): PolicyRecord {
    this.names.note((parts.plan.resources ?? []).filter((r) => r.type === KARBOR_SERVER_TYPE));
    return recordFromParts(parts, projectId);
  }
}

function requireSuspended(plan: KarborPlan): void {
  if (plan.status !== "suspended") {
    throw new Error(
      `plan "${plan.name}" (${plan.id}) has status "${plan.status}": Karbor only updates plans in status "suspended", and a started plan can never be changed again; ` +
        "delete the plan (its checkpoints stay) and run the command again to recreate it",
    );
  }
}

function checkTriggerName(name: string): string {
  if (name.length > MAX_NAME_LENGTH) {
    throw new Error(
      `tags are ${name.length - MAX_NAME_LENGTH} characters too long for Karbor: Karbor has no tags, so pulumi-csbs keeps them with the retention in the ` +
        `policy's trigger name, which holds at most ${MAX_NAME_LENGTH} characters; use fewer or shorter tags`,
    );
  }
  return name;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, the only start_time format Karbor accepts. */
export function karborTime(at: Date): string {
  return at.toISOString().slice(0, 19).replace("T", " ");
}

/** The Karbor backend for a session (backend-factory picks it for csbs:api = "karbor"). */
export function createKarborBackend(session: Session, serverName: ServerNameLookup): PolicyBackend {
  return new KarborBackend(new KarborClient(session), serverName);
}
