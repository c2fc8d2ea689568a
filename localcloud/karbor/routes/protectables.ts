/** `/protectables`: the types the provider protects and their instances (Nova servers, Cinder volumes, the project). */
import type { KarborProtectableInstance } from "../../../provider/wire/karbor";
import type { CloudContext, Route, ServerFixture, VolumeFixture } from "../../core/contracts";
import { badRequest, notFound } from "../faults";
import { PROJECT_TYPE, PROTECTABLES, SERVER_TYPE, VOLUME_TYPE } from "../provider-info";
import { ok, route } from "./common";

function volumeInstance(v: VolumeFixture): KarborProtectableInstance {
  return { id: v.id, type: VOLUME_TYPE, name: v.name, extra_info: { bootable: String(v.bootable) }, dependent_resources: [] };
}

function serverInstance(ctx: CloudContext, s: ServerFixture): KarborProtectableInstance {
  const volumes = s.volumeIds.flatMap((id) => {
    const v = ctx.compute.getVolume(s.projectId, id);
    return v ? [{ id: v.id, type: VOLUME_TYPE, name: v.name, extra_info: null }] : [];
  });
  return { id: s.id, type: SERVER_TYPE, name: s.name, extra_info: { availability_zone: s.availabilityZone }, dependent_resources: volumes };
}

/** Volumes are reached through their servers: the compute view has no project-wide volume list. */
function projectVolumes(ctx: CloudContext, projectId: string): VolumeFixture[] {
  const seen = new Map<string, VolumeFixture>();
  for (const s of ctx.compute.listServers(projectId)) {
    for (const id of s.volumeIds) {
      const v = ctx.compute.getVolume(projectId, id);
      if (v) seen.set(v.id, v);
    }
  }
  return [...seen.values()];
}

function instances(ctx: CloudContext, projectId: string, type: string): KarborProtectableInstance[] {
  if (type === SERVER_TYPE) return ctx.compute.listServers(projectId).map((s) => serverInstance(ctx, s));
  if (type === VOLUME_TYPE) return projectVolumes(ctx, projectId).map(volumeInstance);
  if (type === PROJECT_TYPE) {
    const p = ctx.projects().find((x) => x.id === projectId);
    return p ? [{ id: p.id, type: PROJECT_TYPE, name: p.name, extra_info: null, dependent_resources: [] }] : [];
  }
  return [];
}

export function protectableRoutes(ctx: CloudContext): Route[] {
  return [
    route(ctx, "GET", "/protectables", () => ok({ protectable_type: Object.keys(PROTECTABLES) })),
    route(ctx, "GET", "/protectables/:type", (req) => {
      const deps = PROTECTABLES[req.params.type];
      if (!deps) throw notFound(`Protectable type ${req.params.type} could not be found.`);
      return ok({ protectable_type: { name: req.params.type, dependent_types: deps } });
    }),
    route(ctx, "GET", "/protectables/:type/instances", (req, s) => {
      if (!PROTECTABLES[req.params.type]) throw badRequest("Invalid protectable type provided.");
      return ok({ instances: instances(ctx, s.projectId, req.params.type) });
    }),
    route(ctx, "GET", "/protectables/:type/instances/:resource_id", (req, s) => {
      const type = req.params.type;
      if (!PROTECTABLES[type]) throw badRequest("Invalid protectable type provided.");
      const id = req.params.resource_id;
      let found: KarborProtectableInstance | undefined;
      if (type === SERVER_TYPE) {
        const server = ctx.compute.getServer(s.projectId, id);
        found = server ? serverInstance(ctx, server) : undefined;
      } else if (type === VOLUME_TYPE) {
        const volume = ctx.compute.getVolume(s.projectId, id);
        found = volume ? volumeInstance(volume) : undefined;
      } else {
        found = instances(ctx, s.projectId, type).find((i) => i.id === id);
      }
      if (!found) throw notFound(`The resource ${id} of type ${type} could not be found.`);
      return ok({ instance: found });
    }),
  ];
}
