/** Renders a server fixture the way Nova shows it at a microversion (summary and detail). */
import type { ServerFixture, VolumeFixture } from "../core/contracts";
import { nameId, novaTime } from "../core/ids";
import { atLeast, type Microversion } from "../core/microversion";
import { ATTACHMENT_FIELD_SINCE, EMBEDDED_FLAVOR_SINCE, fieldsAt, SERVER_FIELD_SINCE } from "./nova-microversion";

/** The one flavor of the local cloud (Open Telekom Cloud flavor ids are their names). */
export const FLAVOR = { id: "s3.large.2", vcpus: 2, ram: 4096, disk: 0, ephemeral: 0, swap: 0 } as const;

function flavorAt(baseUrl: string, v: Microversion) {
  if (!atLeast(v, EMBEDDED_FLAVOR_SINCE)) {
    return { id: FLAVOR.id, links: [{ rel: "bookmark", href: `${baseUrl}/compute/flavors/${FLAVOR.id}` }] };
  }
  const { vcpus, ram, disk, ephemeral, swap } = FLAVOR;
  return { vcpus, ram, disk, ephemeral, swap, original_name: FLAVOR.id, extra_specs: {} };
}

const POWER: Record<ServerFixture["status"], number> = { ACTIVE: 1, SHUTOFF: 4, ERROR: 0, RESIZE: 1, VERIFY_RESIZE: 1 };
const VM_STATE: Record<ServerFixture["status"], string> = {
  ACTIVE: "active",
  SHUTOFF: "stopped",
  ERROR: "error",
  RESIZE: "active",
  VERIFY_RESIZE: "resized",
};

export function serverLinks(baseUrl: string, id: string) {
  return [
    { rel: "self", href: `${baseUrl}/compute/v2.1/servers/${id}` },
    { rel: "bookmark", href: `${baseUrl}/compute/servers/${id}` },
  ];
}

export function serverSummary(baseUrl: string, s: ServerFixture) {
  return { id: s.id, name: s.name, links: serverLinks(baseUrl, s.id) };
}

/** A server at microversion `v`; `server_groups` (2.71) is part of a show, never of a list. */
export function serverDetail(baseUrl: string, s: ServerFixture, userId: string, v: Microversion, kind: "show" | "list" = "show") {
  const created = novaTime(new Date(s.createdAt));
  const body = {
    id: s.id,
    name: s.name,
    status: s.status,
    tenant_id: s.projectId,
    user_id: userId,
    metadata: { ...(s.metadata ?? {}) },
    hostId: nameId("host", s.projectId, s.availabilityZone).replace(/-/g, ""),
    image: "",
    flavor: flavorAt(baseUrl, v),
    created,
    updated: created,
    addresses: {},
    accessIPv4: "",
    accessIPv6: "",
    links: serverLinks(baseUrl, s.id),
    "OS-DCF:diskConfig": "MANUAL",
    progress: 0,
    "OS-EXT-AZ:availability_zone": s.availabilityZone,
    config_drive: "",
    key_name: null,
    "OS-SRV-USG:launched_at": created.replace(/Z$/, ".000000"),
    "OS-SRV-USG:terminated_at": null,
    "OS-EXT-STS:task_state": s.status === "RESIZE" ? "resize_migrating" : null,
    "OS-EXT-STS:vm_state": VM_STATE[s.status],
    "OS-EXT-STS:power_state": POWER[s.status],
    "os-extended-volumes:volumes_attached": s.volumeIds.map((id) => (atLeast(v, "2.3") ? { id, delete_on_termination: false } : { id })),
    locked: false,
    locked_reason: null,
    description: null,
    tags: [...(s.tags ?? [])],
    trusted_image_certificates: null,
    ...(kind === "show" ? { server_groups: [] } : {}),
  };
  return fieldsAt(body, v, SERVER_FIELD_SINCE);
}

export function volumeAttachment(serverId: string, volume: VolumeFixture, index: number, v: Microversion) {
  return fieldsAt({
    id: volume.id,
    serverId,
    volumeId: volume.id,
    device: `/dev/vd${String.fromCharCode(97 + Math.min(index, 25))}`,
    tag: null,
    delete_on_termination: false,
  }, v, ATTACHMENT_FIELD_SINCE);
}
