/**
 * Finding a service's URL in a Keystone v3 catalog, with an error that shows what the catalog does offer.
 */
import type { KeystoneCatalogEntry, KeystoneEndpoint } from "../wire/keystone";

/** Which endpoint of a service to pick. */
export interface EndpointQuery {
  /** Region id or name. @default the only region offering the service, else the first one listed */
  region?: string;
  /** @default "public" */
  interface?: KeystoneEndpoint["interface"];
}

/** Catalog types to try, in order, for each service the provider calls. */
export const SERVICE_TYPES = {
  identity: ["identity"],
  compute: ["compute"],
  volumev3: ["volumev3", "block-storage", "volumev2"],
  "data-protect": ["data-protect"],
} as const;

/** A service the provider calls. */
export type ServiceType = keyof typeof SERVICE_TYPES;

/**
 * The URL of `type` (or the first of several fallback types) in the catalog, without a trailing slash.
 * Throws an error naming the available types, regions and interfaces when it is not there.
 */
export function endpointFor(catalog: readonly KeystoneCatalogEntry[], type: string | readonly string[], query: EndpointQuery = {}): string {
  const types = typeof type === "string" ? [type] : type;
  const iface = query.interface ?? "public";
  for (const t of types) {
    const entry = catalog.find((e) => e.type === t);
    if (!entry) continue;
    const candidates = entry.endpoints.filter((e) => e.interface === iface && (query.region === undefined || e.region === query.region || e.region_id === query.region));
    if (candidates.length > 0) return candidates[0].url.replace(/\/+$/, "");
  }

  const wanted = types.join(" or ");
  const present = types.map((t) => catalog.find((e) => e.type === t)).filter((e): e is KeystoneCatalogEntry => e !== undefined);
  if (present.length === 0) {
    const available = [...new Set(catalog.map((e) => e.type))].sort().join(", ") || "none";
    return fail(`the service catalog has no "${wanted}" service (available types: ${available}): ask the cloud's operator to register it, or set csbs:endpoint to its URL`);
  }
  const offered = present.flatMap((e) => e.endpoints.map((ep) => `${ep.region}/${ep.interface}`));
  const regions = [...new Set(present.flatMap((e) => e.endpoints.map((ep) => ep.region)))].sort().join(", ");
  const where = query.region ? `region "${query.region}" and interface "${iface}"` : `interface "${iface}"`;
  return fail(
    `the service catalog has "${wanted}" but no endpoint for ${where} (offered: ${[...new Set(offered)].join(", ")}): set csbs:region (or OS_REGION_NAME) to one of ${regions}`,
  );
}

function fail(message: string): never {
  throw new Error(message);
}

const PROJECT_TEMPLATES = [/\{project_id\}/g, /\{tenant_id\}/g, /[$%]\(project_id\)s/g, /[$%]\(tenant_id\)s/g];

/** Fills `{project_id}`, `$(project_id)s` and `%(project_id)s` (and the tenant_id spellings) into an endpoint URL. */
export function expandProjectId(url: string, projectId: string): string {
  return PROJECT_TEMPLATES.reduce((u, re) => u.replace(re, projectId), url).replace(/\/+$/, "");
}
