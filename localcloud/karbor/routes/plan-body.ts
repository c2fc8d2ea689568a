/** Plan bodies checked as Karbor's schema and controller do (docs/csbs-api-notes.md A.2). */
import { badRequest, invalidInput, isUuidLike } from "../faults";
import type { PlanCreate, PlanPatch } from "../model/plans";
import type { PlanResource } from "../model/types";
import { optionNames, OS_INFRA_PROVIDER_ID, RESOURCE_TYPES } from "../provider-info";
import { checkDescription, checkName, isObject, onlyKeys, typeError } from "./common";

const RESOURCE_SHAPE = "Resource in list must be a dict when creating a plan. The keys of resource are id,type and name.";

function readResources(raw: unknown): PlanResource[] {
  if (!Array.isArray(raw)) typeError("resources", raw, "array");
  return raw.map((r: unknown) => {
    if (!isObject(r) || typeof r.id !== "string" || typeof r.type !== "string" || typeof r.name !== "string") {
      throw invalidInput(RESOURCE_SHAPE);
    }
    const out: PlanResource = { id: r.id, type: r.type, name: r.name };
    if (r.extra_info !== undefined && r.extra_info !== null) {
      if (!isObject(r.extra_info)) throw invalidInput(RESOURCE_SHAPE);
      out.extra_info = r.extra_info;
    }
    return out;
  });
}

const KEY_RE = /^[a-zA-Z0-9-_:.# ]{1,255}$/;

function readParameters(raw: unknown): Record<string, unknown> {
  if (!isObject(raw)) typeError("parameters", raw, "object");
  for (const [key, value] of Object.entries(raw)) {
    if (!KEY_RE.test(key)) throw badRequest(`Invalid input for field/attribute parameters. Value: ${JSON.stringify(raw)}. '${key}' does not match any of the regexes`);
    if (!isObject(value)) typeError(`parameters/${key}`, value, "object");
    const [type, resourceId, ...rest] = key.split("#");
    if (rest.length > 0) throw invalidInput("The key of plan parameters is invalid.");
    if (resourceId !== undefined && !isUuidLike(resourceId)) throw invalidInput("The resource_id must be a uuid.");
    if (!RESOURCE_TYPES.includes(type)) throw invalidInput("The key of plan parameters is invalid.");
    const names = optionNames(type);
    if (names && Object.keys(value).some((k) => !names.includes(k))) throw invalidInput("The protect property of plan parameters is invalid.");
  }
  return raw;
}

export function readPlanCreate(plan: Record<string, unknown>): PlanCreate {
  onlyKeys(plan, ["name", "description", "provider_id", "parameters", "resources"]);
  for (const key of ["provider_id", "parameters"]) if (plan[key] === undefined) throw badRequest(`'${key}' is a required property`);
  const name = plan.name === undefined ? "" : checkName(plan.name);
  const description = checkDescription(plan.description);
  if (!isUuidLike(plan.provider_id)) {
    throw badRequest(`Invalid input for field/attribute provider_id. Value: ${JSON.stringify(plan.provider_id)}. ${JSON.stringify(plan.provider_id)} is not a 'uuid'`);
  }
  if (!Array.isArray(plan.resources) || plan.resources.length === 0) {
    throw invalidInput("list resources must be provided when creating a plan.");
  }
  const resources = readResources(plan.resources);
  if (plan.provider_id !== OS_INFRA_PROVIDER_ID) throw badRequest("The provider could not be found.");
  const parameters = readParameters(plan.parameters);
  return { name, description, providerId: plan.provider_id, resources, parameters };
}

export function readPlanUpdate(plan: Record<string, unknown>): PlanPatch {
  onlyKeys(plan, ["name", "status", "resources", "description"]);
  if (!["name", "status", "resources", "description"].some((k) => k in plan)) throw badRequest("Missing updated parameters in request body.");
  const patch: PlanPatch = {};
  if ("name" in plan) patch.name = checkName(plan.name);
  if ("description" in plan) patch.description = checkDescription(plan.description);
  if ("status" in plan && plan.status !== null) {
    if (typeof plan.status !== "string") typeError("status", plan.status, "string");
    patch.status = plan.status;
  }
  // Only a non-empty list is checked, so an update may empty a plan that create could not.
  if ("resources" in plan) patch.resources = Array.isArray(plan.resources) && plan.resources.length === 0 ? [] : readResources(plan.resources);
  return patch;
}
