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
import { getRoutes } from "../compute/get-route";
import { cinderPage } from "./cinder-paging";
import { microversionDoc } from "../compute/version-doc";

function volumeDetail(baseUrl: string, v: VolumeFixture, server: ServerFixture | undefined, createdAt: string, userId: string) {
  const created = naiveMicrosTime(new Date(createdAt));
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

const versionDoc = (baseUrl: string) => microversionDoc({
  id: "v3.0", version: "3.70", minVersion: "3.0", updated: "2023-08-31T00:00:00Z",
  selfHref: `${baseUrl}/volume/v3/`, mediaType: "application/vnd.openstack.volume+json;version=3",
});

export function cinderRoutes(view: StoreComputeView, baseUrl: () => string): Route[] {
  const caller = (req: CloudRequest) => {
    requireProjectMatch(req, "volume", req.params.project_id);
    return requireRead(req, "volume", "volume:get");
  };
  const render = (v: VolumeFixture, userId: string) =>
    volumeDetail(baseUrl(), v, v.serverId ? view.getServer(v.projectId, v.serverId) : undefined, view.volumeCreatedAt(v), userId);

  const list = (req: CloudRequest, detail: boolean) => {
    const auth = caller(req);
    let volumes = view.listVolumes(auth.projectId);
    const name = req.query.get("name");
    if (name !== null) volumes = volumes.filter((v) => v.name === name);
    const status = req.query.get("status");
    if (status !== null) volumes = volumes.filter((v) => (v.serverId ? "in-use" : "available") === status);
    const summary = (v: VolumeFixture) => ({ id: v.id, name: v.name, links: [{ rel: "self", href: `${baseUrl()}/volume/v3/${v.projectId}/volumes/${v.id}` }] });
    // The view builder's next link names the collection, /volumes, for the detail list too.
    const page = cinderPage(volumes, req.query, `${baseUrl()}/volume/v3/${req.params.project_id}/volumes`);
    const body = { volumes: page.items.map((v) => (detail ? render(v, auth.userId) : summary(v))), ...(page.links ? { volumes_links: page.links } : {}) };
    return { status: 200, body };
  };

  const get = getRoutes("volume");
  return [
    get("/volume/v3", "none", () => ({ status: 200, body: { versions: [versionDoc(baseUrl())] } })),
    get("/volume/v3/:project_id/volumes", "token", (req) => list(req, false)),
    get("/volume/v3/:project_id/volumes/detail", "token", (req) => list(req, true)),
    get("/volume/v3/:project_id/volumes/:volume_id", "token", (req) => {
      const auth = caller(req);
      const id = req.params.volume_id!;
      const v = view.getVolume(auth.projectId, id);
      if (!v) fail("volume", 404, `Volume ${id} could not be found.`);
      return { status: 200, body: { volume: render(v, auth.userId) } };
    }),
  ];
}
