/** Inputs of a PolicyAssociation: which servers one policy protects. */
import { CheckFailure, childPath, failure, indexPath, show } from "./failures";
import { asBoolean, isRecord } from "./coerce";
import { LIMITS } from "./limits";
import { isUnknown, unknownPlaceholder } from "./unknown";

/** Normalized inputs of a PolicyAssociation. */
export interface AssociationInputs {
  /** Id of the backup policy (UUID, lower case). */
  policyId: string;
  /** ECS server ids (UUIDs, lower case, unique), 1 to 64. */
  serverIds: string[];
  /** Move servers that another policy holds into this one (the console's behaviour). @default false */
  takeOver: boolean;
}

/** Validated association inputs; paths in `unknowns` hold the preview sentinel. */
export interface AssociationInputsValidation {
  inputs?: AssociationInputs;
  failures: CheckFailure[];
  unknowns: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEYS = ["policyId", "serverIds", "takeOver"];

/** True for a UUID in 8-4-4-4-12 hex form, any case. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value.toLowerCase());
}

/** Validates raw PolicyAssociation inputs. Keys starting with `__` are ignored. Never throws. */
export function validateAssociationInputs(raw: unknown): AssociationInputsValidation {
  if (!isRecord(raw)) return { failures: [failure("", `inputs are ${show(raw)}: PolicyAssociation inputs must be an object`)], unknowns: [] };
  const failures: CheckFailure[] = [];
  const unknowns: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!key.startsWith("__") && !KEYS.includes(key) && raw[key] !== undefined && raw[key] !== null) {
      failures.push(failure(childPath("", key), `is not an input of PolicyAssociation: remove it (inputs are ${KEYS.join(", ")})`));
    }
  }
  let policyId = "";
  if (isUnknown(raw.policyId)) {
    unknowns.push("policyId");
    policyId = raw.policyId;
  } else if (isUuid(raw.policyId)) {
    policyId = raw.policyId.toLowerCase();
  } else {
    failures.push(failure("policyId", `is ${show(raw.policyId)}: a policy id must be a UUID; pass the id output of a BackupPolicy, e.g. policy.id`));
  }
  const serverIds = readServerIds(raw.serverIds, failures, unknowns);
  let takeOver = false;
  if (isUnknown(raw.takeOver)) {
    unknowns.push("takeOver");
    takeOver = unknownPlaceholder<boolean>();
  } else if (raw.takeOver !== undefined && raw.takeOver !== null) {
    const flag = asBoolean(raw.takeOver);
    if (flag === undefined) failures.push(failure("takeOver", `is ${show(raw.takeOver)}: takeOver must be true or false; leave it out for false`));
    takeOver = flag ?? false;
  }
  if (failures.length > 0) return { failures, unknowns };
  return { inputs: { policyId, serverIds, takeOver }, failures, unknowns };
}

function readServerIds(raw: unknown, failures: CheckFailure[], unknowns: string[]): string[] {
  const range = `an association lists ${LIMITS.serverIdsMin} to ${LIMITS.serverIdsMax} server ids`;
  if (isUnknown(raw)) {
    unknowns.push("serverIds");
    return unknownPlaceholder<string[]>();
  }
  if (!Array.isArray(raw)) {
    failures.push(failure("serverIds", `is ${show(raw)}: ${range}; write e.g. serverIds: [server.id]`));
    return [];
  }
  if (raw.length < LIMITS.serverIdsMin) failures.push(failure("serverIds", `is empty: ${range}; add a server id, or delete the association`));
  if (raw.length > LIMITS.serverIdsMax) {
    failures.push(failure("serverIds", `has ${raw.length} ids: ${range} (a policy holds at most ${LIMITS.serversPerPolicy}); split them over two policies`));
  }
  const firstIndex = new Map<string, number>();
  const out: string[] = [];
  raw.forEach((item, i) => {
    const path = indexPath("serverIds", i);
    if (isUnknown(item)) {
      unknowns.push(path);
      out.push(item);
      return;
    }
    if (!isUuid(item)) {
      failures.push(failure(path, `is ${show(item)}: a server id must be a UUID; pass the id of an ECS server, e.g. server.id`));
      return;
    }
    const id = item.toLowerCase();
    const earlier = firstIndex.get(id);
    if (earlier !== undefined) {
      failures.push(failure(path, `is ${show(item)}, already listed at serverIds[${earlier}]: server ids must be unique; remove one`));
      return;
    }
    firstIndex.set(id, i);
    out.push(id);
  });
  // Order carries no meaning to the service; sorting keeps reordered lists from showing as changes.
  return [...out.filter((id) => !isUnknown(id)).sort(), ...out.filter(isUnknown)];
}
