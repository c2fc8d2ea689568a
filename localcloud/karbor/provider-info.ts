/**
 * The one protection provider the local Karbor offers (Karbor's default `etc/providers.d` OS Infra Provider)
 * and the resource types it knows, with option schemas close to the upstream plugins'.
 */
import type { KarborProvider } from "../../provider/wire/karbor";

/** Kept here as a value (provider/wire may only be imported for types). */
export const OS_INFRA_PROVIDER_ID = "cf56bd3e-97a7-4078-b6d5-f36246333fd9";
export const SERVER_TYPE = "OS::Nova::Server";
export const VOLUME_TYPE = "OS::Cinder::Volume";
export const PROJECT_TYPE = "OS::Keystone::Project";
export const IMAGE_TYPE = "OS::Glance::Image";
export const NETWORK_TYPE = "OS::Neutron::Network";

/** Karbor's `constants.RESOURCE_TYPES`: the valid keys of plan parameters. */
export const RESOURCE_TYPES = [
  PROJECT_TYPE, SERVER_TYPE, VOLUME_TYPE, IMAGE_TYPE, "OS::Manila::Share", NETWORK_TYPE,
  "OS::Trove::Instance", "OS::Kubernetes::Pod",
];

/** Protectable types and what each depends on (GET /protectables/{type}). */
export const PROTECTABLES: Record<string, string[]> = {
  [PROJECT_TYPE]: [SERVER_TYPE, VOLUME_TYPE, IMAGE_TYPE, NETWORK_TYPE],
  [SERVER_TYPE]: [VOLUME_TYPE, IMAGE_TYPE],
  [VOLUME_TYPE]: [],
  [IMAGE_TYPE]: [],
  [NETWORK_TYPE]: [],
};

const obj = (title: string, properties: Record<string, unknown>) => ({ title, type: "object", properties, required: [] });

const OPTIONS: Record<string, Record<string, unknown>> = {
  [SERVER_TYPE]: obj("Server Protection Options", {}),
  [VOLUME_TYPE]: obj("Cinder Protection Options", {
    backup_name: { type: "string", title: "Backup Name", description: "The name of the backup." },
    backup_mode: { type: "string", title: "Backup Mode", enum: ["full", "incremental"], default: "full" },
    container: { type: "string", title: "Container", description: "The container which been chosen." },
    description: { type: "string", title: "Description", description: "The description of the volume." },
    force: { type: "boolean", title: "Force", default: false },
  }),
  [IMAGE_TYPE]: obj("Image Protection Options", { backup_name: { type: "string", title: "Backup Name" } }),
  [NETWORK_TYPE]: obj("Network Protection Options", {}),
  [PROJECT_TYPE]: obj("Project Protection Options", {}),
};

const RESTORE: Record<string, Record<string, unknown>> = {
  [SERVER_TYPE]: obj("Server Restore Options", { restore_name: { type: "string", title: "Restore Server Name" } }),
  [VOLUME_TYPE]: obj("Volume Restore Options", {
    restore_name: { type: "string", title: "Restore Volume Name" },
    restore_description: { type: "string", title: "Restore Description" },
  }),
  [IMAGE_TYPE]: obj("Image Restore Options", { restore_name: { type: "string", title: "Restore Image Name" } }),
};

const SAVED: Record<string, Record<string, unknown>> = {
  [SERVER_TYPE]: obj("Server Protection Saved Info", { attached_volumes: { type: "array", title: "Attached Volumes" } }),
  [VOLUME_TYPE]: obj("Cinder Protection Saved Info", { name: { type: "string" }, progress: { type: "number" }, fail_reason: { type: "string" }, size: { type: "integer" } }),
};

export const OS_INFRA_PROVIDER: KarborProvider = {
  id: OS_INFRA_PROVIDER_ID,
  name: "OS Infra Provider",
  description: "This provider uses OpenStack's own services (swift, cinder) as storage",
  extended_info_schema: { options_schema: OPTIONS, saved_info_schema: SAVED, restore_schema: RESTORE },
};

/** The option names a plan parameter of `type` may set, or undefined when the provider has no plugin for it. */
export function optionNames(type: string): string[] | undefined {
  const schema = OPTIONS[type] as { properties?: Record<string, unknown> } | undefined;
  return schema ? Object.keys(schema.properties ?? {}) : undefined;
}
