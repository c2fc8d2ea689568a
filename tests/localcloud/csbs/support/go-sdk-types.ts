/**
 * The result structures of the Open Telekom Cloud Go SDK for CSBS (package `csbs/v1`: `backup` and `policies`),
 * restated as data from their published field types, and a decoder with the rules of Go's encoding/json: a JSON
 * number decodes into `int` only without a fraction, into `float64` always; a string never decodes into a number
 * or a bool; `null` leaves any field at its zero value; unknown keys are ignored. Fields with a custom
 * UnmarshalJSON are stated by the text they accept (`time` layouts, `intOrText`).
 */
export type GoType =
  | "string" | "int" | "float64" | "bool" | "any"
  /** The create/update operation definition's tolerant decoder: an int, or a text strconv.Atoi reads. */
  | "intOrText"
  /** Likewise for `permanent`: a bool, or a text strconv.ParseBool reads. */
  | "boolOrText"
  | { time: RegExp; layout: string }
  | { slice: GoType }
  | { struct: Record<string, GoType> };

const struct = (fields: Record<string, GoType>): GoType => ({ struct: fields });
const slice = (of: GoType): GoType => ({ slice: of });

/** golangsdk.JSONRFC3339MilliNoZ: "2006-01-02T15:04:05.999999" (no zone). */
const RFC3339_MILLI_NO_Z: GoType = { time: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?$/, layout: "2006-01-02T15:04:05.999999" };
/** golangsdk.JSONRFC3339ZNoTNoZ: "2006-01-02 15:04:05". */
const RFC3339_NO_T_NO_Z: GoType = { time: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/, layout: "2006-01-02 15:04:05" };

const RESOURCE_TAG = struct({ key: "string", value: "string" });
const RESOURCE = struct({ id: "string", type: "string", name: "string", extra_info: "any" });
const TRIGGER = struct({ properties: struct({ pattern: "string", start_time: RFC3339_NO_T_NO_Z }), name: "string", id: "string", type: "string" });

/** `backup.VolumeBackup`: average_speed is an int here (one level up it is a float64). */
export const VOLUME_BACKUP = struct({
  average_speed: "int", bootable: "bool", id: "string", image_type: "string", incremental: "bool", snapshot_id: "string",
  name: "string", size: "int", source_volume_id: "string", source_volume_size: "int", space_saving_ratio: "float64",
  status: "string", source_volume_name: "string",
});

/** `backup.Backup`: a checkpoint item (list and get). */
export const BACKUP = struct({
  checkpoint_id: "string", created_at: "string", id: "string", name: "string", resource_id: "string", status: "string",
  updated_at: "string", description: "string", tags: slice(RESOURCE_TAG), resource_type: "string",
  backup_data: struct({
    __openstack_region_name: "string", cloudservicetype: "string", disk: "int", imagetype: "string", ram: "int", vcpus: "int",
    eip: "string", private_ip: "string",
  }),
  extend_info: struct({
    auto_trigger: "bool", average_speed: "float64", copy_from: "string", copy_status: "string",
    fail_code: struct({ Code: "string", Description: "string" }), fail_op: "string", fail_reason: "string", image_type: "string",
    incremental: "bool", progress: "int", resource_az: "string", resource_name: "string", resource_type: "string", size: "int",
    space_saving_ratio: "float64", volume_backups: slice(VOLUME_BACKUP), finished_at: "string", taskid: "string",
    hypervisor_type: "string", supported_restore_mode: "string", support_lld: "bool",
  }),
});

/** `backup.Checkpoint`: the reply to creating a checkpoint. */
export const CHECKPOINT = struct({
  status: "string", created_at: "string", id: "string", resource_graph: "string", project_id: "string",
  protection_plan: struct({ id: "string", name: "string", resources: slice(RESOURCE) }), extra_info: "any",
});

const policy = (definition: GoType): GoType => struct({
  created_at: RFC3339_MILLI_NO_Z, description: "string", id: "string", name: "string", parameters: struct({ common: "any" }),
  project_id: "string", provider_id: "string", resources: slice(RESOURCE), status: "string", tags: slice(RESOURCE_TAG),
  scheduled_operations: slice(struct({
    description: "string", enabled: "bool", name: "string", operation_type: "string", operation_definition: definition,
    trigger: TRIGGER, id: "string", trigger_id: "string",
  })),
});

/** `policies.CreateBackupPolicy`: create and update replies (CreateOperationDefinitionResp takes text or numbers). */
export const CREATE_BACKUP_POLICY = policy(struct({
  max_backups: "intOrText", retention_duration_days: "intOrText", permanent: "boolOrText", plan_id: "string", provider_id: "string",
}));

/** `policies.BackupPolicy`: get and list replies (OperationDefinitionResp: plain int and bool fields). */
export const BACKUP_POLICY = policy(struct({
  max_backups: "int", retention_duration_days: "int", permanent: "bool", plan_id: "string", provider_id: "string",
}));

/** Every place `value` would make Go's decoder into `type` fail, as `path: problem`. */
export function goDecodeErrors(value: unknown, type: GoType, path = "$"): string[] {
  if (value === null || type === "any") return [];
  const is = (ok: boolean, want: string) => (ok ? [] : [`${path}: ${JSON.stringify(value)?.slice(0, 60)} does not decode into ${want}`]);
  if (type === "string") return is(typeof value === "string", "string");
  if (type === "bool") return is(typeof value === "boolean", "bool");
  if (type === "float64") return is(typeof value === "number", "float64");
  if (type === "int") return is(typeof value === "number" && Number.isInteger(value), "int");
  if (type === "intOrText") return is((typeof value === "number" && Number.isInteger(value)) || (typeof value === "string" && /^(|[+-]?\d+)$/.test(value)), "int or integer text");
  if (type === "boolOrText") return is(typeof value === "boolean" || (typeof value === "string" && /^(|1|0|t|f|T|F|true|false|TRUE|FALSE|True|False)$/.test(value)), "bool or bool text");
  if ("time" in type) return is(typeof value === "string" && type.time.test(value), `time in layout ${type.layout}`);
  if ("slice" in type) {
    if (!Array.isArray(value)) return is(false, "slice");
    return value.flatMap((v, i) => goDecodeErrors(v, type.slice, `${path}[${i}]`));
  }
  if (typeof value !== "object" || Array.isArray(value)) return is(false, "struct");
  const obj = value as Record<string, unknown>;
  return Object.entries(type.struct).flatMap(([k, t]) => (k in obj ? goDecodeErrors(obj[k], t, `${path}.${k}`) : []));
}

/** The keys of each struct the reply lacks (Go would leave them zero: worth knowing, not a decoding failure). */
export function missingKeys(value: unknown, type: GoType, path = "$"): string[] {
  if (value === null || typeof type === "string" || "time" in type) return [];
  if ("slice" in type) return Array.isArray(value) ? value.flatMap((v, i) => missingKeys(v, type.slice, `${path}[${i}]`)) : [];
  const obj = value as Record<string, unknown>;
  return Object.entries(type.struct).flatMap(([k, t]) => (k in obj ? missingKeys(obj[k], t, `${path}.${k}`) : [`${path}.${k}`]));
}
