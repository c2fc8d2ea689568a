/** The service catalog the built-in Keystone puts in project-scoped tokens: every service in every region. */
import type { KeystoneCatalogEntry, KeystoneEndpoint } from "../../provider/wire/keystone";
import type { ProjectFixture } from "../core/contracts";
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
 * identity, compute, volumev3, image and data-protect (CSBS or Karbor by the project's `api`), each with its
 * endpoints in every region, the first region's first. Keystone is one: its URL is the same in every region.
 */
export function buildCatalog(baseUrl: string, project: ProjectFixture, regions: readonly CatalogRegion[] = [{ name: REGION, baseUrl }]): KeystoneCatalogEntry[] {
  const karbor = project.api === "karbor";
  const services: Array<{ type: string; name: string; url: (regionBase: string) => string }> = [
    { type: "identity", name: "keystone", url: () => `${baseUrl}/identity/v3` },
    { type: "compute", name: "nova", url: (b) => `${b}/compute/v2.1` },
    { type: "volumev3", name: "cinderv3", url: (b) => `${b}/volume/v3/${project.id}` },
    { type: "image", name: "glance", url: (b) => `${b}/image` },
    { type: "data-protect", name: karbor ? "karbor" : "csbs", url: (b) => (karbor ? `${b}/karbor/v1/${project.id}` : `${b}/csbs/v1/${project.id}`) },
  ];
  return services.map((s) => ({
    id: nameId("service", s.type).replace(/-/g, ""),
    type: s.type,
    name: s.name,
    endpoints: regions.flatMap((r, i) => endpoints(s.type, r, i === 0, s.url(r.baseUrl))),
  }));
}
