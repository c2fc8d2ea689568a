/**
 * Typed calls to upstream OpenStack Karbor v1 (plans, triggers, scheduled operations, quotas) over a Session.
 * Karbor fault bodies (`{"badRequest": {"code": 400, "message": "…"}}`) become ApiErrors whose `code` is the
 * fault name, through the shared HTTP layer. Every success is 200 upstream, create and delete included.
 */
import type {
  KarborPlan,
  KarborPlanBody,
  KarborPlanCreateBody,
  KarborPlanList,
  KarborPlanUpdateBody,
  KarborQuotaBody,
  KarborScheduledOperation,
  KarborScheduledOperationBody,
  KarborScheduledOperationCreateBody,
  KarborScheduledOperationList,
  KarborTrigger,
  KarborTriggerBody,
  KarborTriggerCreateBody,
  KarborTriggerList,
  KarborTriggerUpdateBody,
} from "../wire/karbor";
import { isApiError } from "./api-error";
import { collectPages } from "./pagination";
import type { Session } from "./session";

const id = (value: string): string => encodeURIComponent(value);

function unexpected(what: string): never {
  throw new Error(`Karbor answered ${what} without the expected JSON body: check that csbs:endpoint (or the catalog's data-protect URL) points at Karbor v1, or set csbs:api to "csbs"`);
}

/** Runs a GET that may answer 404; undefined then. */
async function orMissing<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    if (isApiError(err, 404)) return undefined;
    throw err;
  }
}

/** Runs a DELETE; false when the object was already gone (404). */
async function deleted(call: () => Promise<unknown>): Promise<boolean> {
  return (await orMissing(async () => (await call(), true))) ?? false;
}

/** The Karbor v1 client. */
export class KarborClient {
  constructor(private readonly session: Session) {}

  /** The project the session's token is scoped to (Karbor paths such as `/quotas/{project_id}` need it). */
  async projectId(): Promise<string> {
    return (await this.session.token()).projectId;
  }

  /** Every plan of the project (all pages), optionally by exact name. */
  async listPlans(filter: { name?: string } = {}): Promise<KarborPlan[]> {
    return collectPages<KarborPlan>({ name: filter.name }, async (query) => {
      const res = await this.session.request<KarborPlanList>("data-protect", "GET", "/plans", { query });
      return { items: res.body?.plans ?? unexpected("GET /plans"), links: res.body?.plans_links };
    });
  }

  /** The plan, or undefined when it does not exist (404). */
  async getPlan(planId: string): Promise<KarborPlan | undefined> {
    return orMissing(async () => {
      const res = await this.session.request<KarborPlanBody>("data-protect", "GET", `/plans/${id(planId)}`);
      return res.body?.plan ?? unexpected(`GET /plans/${planId}`);
    });
  }

  /** Creates a plan (Karbor requires at least one resource). Not repeated on a lost answer. */
  async createPlan(body: KarborPlanCreateBody): Promise<KarborPlan> {
    const res = await this.session.request<KarborPlanBody>("data-protect", "POST", "/plans", { body });
    return res.body?.plan ?? unexpected("POST /plans");
  }

  /** Updates a plan; `resources` replaces the whole list. Only a `suspended` plan can be updated. */
  async updatePlan(planId: string, body: KarborPlanUpdateBody): Promise<KarborPlan> {
    const res = await this.session.request<KarborPlanBody>("data-protect", "PUT", `/plans/${id(planId)}`, { body });
    return res.body?.plan ?? unexpected(`PUT /plans/${planId}`);
  }

  /** Deletes a plan (its checkpoints stay). False when it was already gone. */
  async deletePlan(planId: string): Promise<boolean> {
    return deleted(() => this.session.request("data-protect", "DELETE", `/plans/${id(planId)}`));
  }

  /** Every trigger of the project (all pages). */
  async listTriggers(): Promise<KarborTrigger[]> {
    return collectPages<KarborTrigger>({}, async (query) => {
      const res = await this.session.request<KarborTriggerList>("data-protect", "GET", "/triggers", { query });
      return { items: res.body?.triggers ?? unexpected("GET /triggers"), links: res.body?.triggers_links };
    });
  }

  /** The trigger, or undefined when it does not exist (404). */
  async getTrigger(triggerId: string): Promise<KarborTrigger | undefined> {
    return orMissing(async () => {
      const res = await this.session.request<KarborTriggerBody>("data-protect", "GET", `/triggers/${id(triggerId)}`);
      return res.body?.trigger_info ?? unexpected(`GET /triggers/${triggerId}`);
    });
  }

  async createTrigger(body: KarborTriggerCreateBody): Promise<KarborTrigger> {
    const res = await this.session.request<KarborTriggerBody>("data-protect", "POST", "/triggers", { body });
    return res.body?.trigger_info ?? unexpected("POST /triggers");
  }

  /** Updates a trigger; properties, when given, replace the whole set and must repeat `start_time`. */
  async updateTrigger(triggerId: string, body: KarborTriggerUpdateBody): Promise<KarborTrigger> {
    const res = await this.session.request<KarborTriggerBody>("data-protect", "PUT", `/triggers/${id(triggerId)}`, { body });
    return res.body?.trigger_info ?? unexpected(`PUT /triggers/${triggerId}`);
  }

  /** Deletes a trigger (424 while an operation uses it). False when it was already gone. */
  async deleteTrigger(triggerId: string): Promise<boolean> {
    return deleted(() => this.session.request("data-protect", "DELETE", `/triggers/${id(triggerId)}`));
  }

  /** Every scheduled operation of the project (all pages). */
  async listOperations(): Promise<KarborScheduledOperation[]> {
    return collectPages<KarborScheduledOperation>({}, async (query) => {
      const res = await this.session.request<KarborScheduledOperationList>("data-protect", "GET", "/scheduled_operations", { query });
      return { items: res.body?.operations ?? unexpected("GET /scheduled_operations"), links: res.body?.operations_links };
    });
  }

  async createOperation(body: KarborScheduledOperationCreateBody): Promise<KarborScheduledOperation> {
    const res = await this.session.request<KarborScheduledOperationBody>("data-protect", "POST", "/scheduled_operations", { body });
    return res.body?.scheduled_operation ?? unexpected("POST /scheduled_operations");
  }

  /** Deletes a scheduled operation (there is no update). False when it was already gone. */
  async deleteOperation(operationId: string): Promise<boolean> {
    return deleted(() => this.session.request("data-protect", "DELETE", `/scheduled_operations/${id(operationId)}`));
  }

  /** The project's quotas: `plans` (default 50) and `checkpoints` (-1 = unlimited). */
  async quota(projectId?: string): Promise<KarborQuotaBody["quota"]> {
    const project = projectId ?? (await this.projectId());
    const res = await this.session.request<KarborQuotaBody>("data-protect", "GET", `/quotas/${id(project)}`);
    return res.body?.quota ?? unexpected(`GET /quotas/${project}`);
  }
}
