/** Renders a server fixture the way Nova 2.1 shows it (summary and detail). */
import type { ServerFixture, VolumeFixture } from "../core/contracts";
import { nameId, novaTime } from "../core/ids";

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

export function serverDetail(baseUrl: string, s: ServerFixture, userId: string) {
  const created = novaTime(new Date(s.createdAt));
  return {
    id: s.id,
    name: s.name,
    status: s.status,
    tenant_id: s.projectId,
    user_id: userId,
    metadata: { ...(s.metadata ?? {}) },
    hostId: nameId("host", s.projectId, s.availabilityZone).replace(/-/g, ""),
    image: "",
    flavor: { vcpus: 2, ram: 4096, disk: 0, ephemeral: 0, swap: 0, original_name: "s3.large.2", extra_specs: {} },
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
    "os-extended-volumes:volumes_attached": s.volumeIds.map((id) => ({ id, delete_on_termination: false })),
    locked: false,
    description: null,
    tags: [...(s.tags ?? [])],
    trusted_image_certificates: null,
    server_groups: [],
  };
}

export function volumeAttachment(serverId: string, volume: VolumeFixture, index: number) {
  return {
    id: volume.id,
    serverId,
    volumeId: volume.id,
    device: `/dev/vd${String.fromCharCode(97 + Math.min(index, 25))}`,
    tag: null,
    delete_on_termination: false,
  };
}
