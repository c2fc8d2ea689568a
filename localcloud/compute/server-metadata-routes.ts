/** `GET /servers/{id}/metadata` and `GET /servers/{id}/metadata/{key}`: a server's metadata, read-only here. */
import type { Route } from "../core/contracts";
import { fail } from "../core/errors";
import type { StoreComputeView } from "./compute-view";
import { getRoutes } from "./get-route";
import { serverOf } from "./server-tags-routes";

export function serverMetadataRoutes(view: StoreComputeView): Route[] {
  const get = getRoutes("compute");
  return [
    get("/compute/v2.1/servers/:server_id/metadata", "token", (req) => ({ status: 200, body: { metadata: { ...(serverOf(view, req, false, "server-metadata").metadata ?? {}) } } })),
    get("/compute/v2.1/servers/:server_id/metadata/:key", "token", (req) => {
      const metadata = serverOf(view, req, false, "server-metadata").metadata ?? {};
      const key = req.params.key!;
      if (!Object.prototype.hasOwnProperty.call(metadata, key)) fail("compute", 404, `Metadata item was not found`);
      return { status: 200, body: { meta: { [key]: metadata[key] } } };
    }),
  ];
}
