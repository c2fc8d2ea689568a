/**
 * How many servers each backup policy will hold after the change, resolved from the associations' planned
 * inputs: an association names its policy by the hidden `__policyRef` (the BackupPolicy's URN, known in a
 * preview) or by a literal `policyId`.
 */
import type { PreviewRecord } from "./preview-record";

const BACKUP_POLICY = "pulumi-nodejs:dynamic/csbs:BackupPolicy";
const ASSOCIATION = "pulumi-nodejs:dynamic/csbs:PolicyAssociation";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface PolicyServerCount {
  /** The BackupPolicy's resource name, or the literal policy id. */
  policy: string;
  /** Distinct known server ids over the policy's associations. */
  servers: number;
  /** Associations whose server list is not known in the preview. */
  unknownLists: number;
}

/** One row per policy of the stack that is not being deleted, in the order of the steps. */
export function serverCountsPerPolicy(record: PreviewRecord): PolicyServerCount[] {
  const rows = new Map<string, { policy: string; servers: Set<string>; unknownLists: number }>();
  for (const s of record.steps) {
    if (s.type === BACKUP_POLICY && s.op !== "delete") rows.set(s.urn, { policy: s.name, servers: new Set(), unknownLists: 0 });
  }
  for (const s of record.steps) {
    if (s.type !== ASSOCIATION || s.op === "delete") continue;
    const ref = typeof s.inputs.__policyRef === "string" && s.inputs.__policyRef !== UNKNOWN ? s.inputs.__policyRef : undefined;
    const dependency = (s.propertyDependencies.policyId ?? []).find((u) => rows.has(u));
    const id = typeof s.inputs.policyId === "string" && s.inputs.policyId !== UNKNOWN ? s.inputs.policyId : undefined;
    const key = ref ?? dependency ?? (id !== undefined ? `id:${id}` : `unknown:${s.urn}`);
    const row = rows.get(key) ?? { policy: id ?? `policy of ${s.name}`, servers: new Set<string>(), unknownLists: 0 };
    rows.set(key, row);
    const list = Array.isArray(s.inputs.serverIds) ? s.inputs.serverIds : undefined;
    if (list === undefined) row.unknownLists++;
    else {
      for (const sid of list) if (typeof sid === "string" && sid !== UNKNOWN) row.servers.add(sid);
      if (list.some((sid) => sid === UNKNOWN)) row.unknownLists++;
    }
  }
  return [...rows.values()].map((r) => ({ policy: r.policy, servers: r.servers.size, unknownLists: r.unknownLists }));
}
