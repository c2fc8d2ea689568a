/** The service catalog the built-in Keystone puts in project-scoped tokens. */
import type { KeystoneCatalogEntry } from "../../provider/wire/keystone";
import type { ProjectFixture } from "../core/contracts";
import { nameId } from "../core/ids";

export const REGION = "RegionOne";

function entry(type: string, name: string, url: string): KeystoneCatalogEntry {
  const interfaces = ["public", "internal", "admin"] as const;
  return {
    id: nameId("service", type).replace(/-/g, ""),
    type,
    name,
    endpoints: interfaces.map((iface) => ({
      id: nameId("endpoint", type, iface).replace(/-/g, ""),
      interface: iface,
      region: REGION,
      region_id: REGION,
      url,
    })),
  };
}

/** identity, compute, volumev3, image and data-protect (CSBS or Karbor by the project's `api`) in RegionOne. */
export function buildCatalog(baseUrl: string, project: ProjectFixture): KeystoneCatalogEntry[] {
  const dataProtect = project.api === "karbor" ? entry("data-protect", "karbor", `${baseUrl}/karbor/v1/${project.id}`) : entry("data-protect", "csbs", `${baseUrl}/csbs/v1/${project.id}`);
  return [
    entry("identity", "keystone", `${baseUrl}/identity/v3`),
    entry("compute", "nova", `${baseUrl}/compute/v2.1`),
    entry("volumev3", "cinderv3", `${baseUrl}/volume/v3/${project.id}`),
    entry("image", "glance", `${baseUrl}/image`),
    dataProtect,
  ];
}
