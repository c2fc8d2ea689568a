/** The service catalog the built-in Keystone puts in project-scoped tokens: every service in every region. */
import type { KeystoneCatalogEntry, KeystoneEndpoint } from "../../provider/wire/keystone";
import { projectApiIn, type ProjectFixture } from "../core/contracts";
import { nameId } from "../core/ids";

/** The region of a one-region catalog (and the first region of the default fixtures). */
export const REGION = "RegionOne";

/** A region as the catalog lists it: its name and the base URL of its endpoints. */
export interface CatalogRegion {
  name: string;
  /** e.g. `http://127.0.0.1:8799` for the first region, `http://127.0.0.1:8799/regions/RegionTwo` for another. */
  baseUrl: string;
}

const INTERFACES = ["public", "internal", "admin"] as const;

function endpoints(type: string, region: CatalogRegion, first: boolean, url: string): KeystoneEndpoint[] {
  // The first region keeps the endpoint ids a one-region cloud had.
  const scope = first ? [type] : [type, region.name];
  return INTERFACES.map((iface) => ({
    id: nameId("endpoint", ...scope, iface).replace(/-/g, ""),
    interface: iface,
    region: region.name,
    region_id: region.name,
    url,
  }));
}

/**
 * identity, compute, volumev3, image and data-protect (CSBS or Karbor by the project's `api` in that region), each
 * with its endpoints in every region, the first region's first. Keystone is one: its URL is the same in every region.
 * data-protect stays one entry even when the regions' APIs differ (clients take the first entry of a type), named
 * `data-protect` then.
 */
export function buildCatalog(baseUrl: string, project: ProjectFixture, regions: readonly CatalogRegion[] = [{ name: REGION, baseUrl }]): KeystoneCatalogEntry[] {
  const apis = new Set(regions.map((r) => projectApiIn(project, r.name)));
  const services: Array<{ type: string; name: string; url: (region: CatalogRegion) => string }> = [
    { type: "identity", name: "keystone", url: () => `${baseUrl}/identity/v3` },
    { type: "compute", name: "nova", url: (r) => `${r.baseUrl}/compute/v2.1` },
    { type: "volumev3", name: "cinderv3", url: (r) => `${r.baseUrl}/volume/v3/${project.id}` },
    { type: "image", name: "glance", url: (r) => `${r.baseUrl}/image` },
    {
      type: "data-protect",
      name: apis.size === 1 ? [...apis][0]! : "data-protect",
      url: (r) => `${r.baseUrl}/${projectApiIn(project, r.name)}/v1/${project.id}`,
    },
  ];
  return services.map((s) => ({
    id: nameId("service", s.type).replace(/-/g, ""),
    type: s.type,
    name: s.name,
    endpoints: regions.flatMap((r, i) => endpoints(s.type, r, i === 0, s.url(r))),
  }));
}
