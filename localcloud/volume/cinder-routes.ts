/**
 * Cinder v3 subset under `/volume/v3/{project_id}`: list, detail and show of volumes. `bootable` is the
 * string "true"/"false" as Cinder sends it. A project id in the URL other than the token's is 400
 * "Malformed request url", which does not reveal whether that project exists.
 */
import type { CloudRequest, Route, ServerFixture, VolumeFixture } from "../core/contracts";
import { fail } from "../core/errors";
import { naiveMicrosTime } from "../core/ids";
import { requireProjectMatch, requireRead } from "../core/roles";
import type { StoreComputeView } from "../compute/compute-view";
import { nextLink, page } from "../compute/paging";

function volumeDetail(baseUrl: string, v: VolumeFixture, server: ServerFixture | undefined, userId: string) {
  const created = naiveMicrosTime(new Date(server?.createdAt ?? 0));
  const index = server ? server.volumeIds.indexOf(v.id) : -1;
  const attachments = server
    ? [
        {
          id: v.id,
          attachment_id: `${v.id.slice(0, 24)}${server.id.slice(24)}`,
          volume_id: v.id,
          server_id: server.id,
          host_name: null,
          device: `/dev/vd${String.fromCharCode(97 + Math.max(0, Math.min(index, 25)))}`,
          attached_at: created,
        },
      ]
    : [];
  return {
    id: v.id,
    name: v.name,
    status: server ? "in-use" : "available",
    size: v.sizeGb,
    bootable: v.bootable ? "true" : "false",
    multiattach: v.multiattach,
    attachments,
    availability_zone: server?.availabilityZone ?? "eu-de-01",
    created_at: created,
    updated_at: created,
    description: null,
    volume_type: v.multiattach ? "multiattach" : "SSD",
    snapshot_id: null,
    source_volid: null,
    consistencygroup_id: null,
    encrypted: false,
    replication_status: "disabled",
    metadata: {},
    user_id: userId,
    "os-vol-tenant-attr:tenant_id": v.projectId,
    links: [{ rel: "self", href: `${baseUrl}/volume/v3/${v.projectId}/volumes/${v.id}` }],
    shared_targets: false,
    group_id: null,
  };
}

function versionDoc(baseUrl: string) {
  return {
    id: "v3.0",
    status: "CURRENT",
    version: "3.70",
    min_version: "3.0",
    updated: "2023-08-31T00:00:00Z",
    links: [{ rel: "self", href: `${baseUrl}/volume/v3/` }],
    "media-types": [{ base: "application/json", type: "application/vnd.openstack.volume+json;version=3" }],
  };
}

export function cinderRoutes(view: StoreComputeView, baseUrl: () => string): Route[] {
  const caller = (req: CloudRequest) => {
    requireProjectMatch(req, "volume", req.params.project_id);
    return requireRead(req, "volume", "volume:get");
  };
  const render = (v: VolumeFixture, userId: string) =>
    volumeDetail(baseUrl(), v, v.serverId ? view.getServer(v.projectId, v.serverId) : undefined, userId);

  const list = (req: CloudRequest, detail: boolean) => {
    const auth = caller(req);
    let volumes = view.listVolumes(auth.projectId);
    const name = req.query.get("name");
    if (name !== null) volumes = volumes.filter((v) => v.name === name);
    const status = req.query.get("status");
    if (status !== null) volumes = volumes.filter((v) => (v.serverId ? "in-use" : "available") === status);
    const p = page(volumes, req.query, "volume");
    const url = `${baseUrl()}/volume/v3/${auth.projectId}/volumes${detail ? "/detail" : ""}`;
    return {
      status: 200,
      body: {
        volumes: p.items.map((v) =>
          detail ? render(v, auth.userId) : { id: v.id, name: v.name, links: [{ rel: "self", href: `${baseUrl()}/volume/v3/${v.projectId}/volumes/${v.id}` }] },
        ),
        ...(p.next ? { volumes_links: nextLink(url, req.query, p.next) } : {}),
      },
    };
  };

  return [
    { method: "GET", pattern: "/volume/v3", service: "volume", auth: "none", handler: () => ({ status: 200, body: { versions: [versionDoc(baseUrl())] } }) },
    { method: "GET", pattern: "/volume/v3/:project_id/volumes", service: "volume", auth: "token", handler: (req) => list(req, false) },
    { method: "GET", pattern: "/volume/v3/:project_id/volumes/detail", service: "volume", auth: "token", handler: (req) => list(req, true) },
    {
      method: "GET",
      pattern: "/volume/v3/:project_id/volumes/:volume_id",
      service: "volume",
      auth: "token",
      handler: (req) => {
        const auth = caller(req);
        const id = req.params.volume_id!;
        const v = view.getVolume(auth.projectId, id);
        if (!v) fail("volume", 404, `Volume ${id} could not be found.`);
        return { status: 200, body: { volume: render(v, auth.userId) } };
      },
    },
  ];
}
