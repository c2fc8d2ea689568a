/**
 * Nova 2.1 subset under `/compute/v2.1`: list (name regex, status and tag filters, limit/marker), detail, show
 * and volume attachments (tags and metadata have their own route files). Another project's server is 404, exactly like one that does not exist.
 */
import type { CloudRequest, Route, ServerFixture } from "../core/contracts";
import { fail } from "../core/errors";
import { requireRead } from "../core/roles";
import type { StoreComputeView } from "./compute-view";
import { getRoutes } from "./get-route";
import { pagedBody } from "./paging";
import { serverDetail, serverSummary, volumeAttachment } from "./server-json";
import { tagFilter } from "./server-tags";
import { atLeast, microversioned, versionOf } from "../core/microversion";
import { NOVA, TAGS_SINCE } from "./nova-microversion";
import { microversionDoc } from "./version-doc";

const STATUSES = new Set(["ACTIVE", "SHUTOFF", "ERROR", "RESIZE", "VERIFY_RESIZE"]);

const versionDoc = (baseUrl: string) => microversionDoc({
  id: "v2.1", version: NOVA.max, minVersion: NOVA.min, updated: "2013-07-23T11:33:21Z",
  selfHref: `${baseUrl}/compute/v2.1/`, mediaType: "application/vnd.openstack.compute+json;version=2.1",
});

export function novaRoutes(view: StoreComputeView, baseUrl: () => string): Route[] {
  const filtered = (req: CloudRequest): ServerFixture[] => {
    const auth = requireRead(req, "compute", "os_compute_api:servers:index");
    let servers = view.listServers(auth.projectId);
    const name = req.query.get("name");
    if (name !== null) {
      if (name.length > 255) fail("compute", 400, "Invalid input for query parameter name: longer than 255 characters");
      let re: RegExp | undefined;
      try {
        re = new RegExp(name);
      } catch {
        re = undefined;
      }
      servers = servers.filter((s) => (re ? re.test(s.name) : s.name.includes(name)));
    }
    const status = req.query.get("status");
    if (status !== null) {
      const wanted = status.toUpperCase();
      if (!STATUSES.has(wanted)) fail("compute", 400, `Invalid status value: "${status.slice(0, 40)}"; use one of ${[...STATUSES].join(", ")}`);
      servers = servers.filter((s) => s.status === wanted);
    }
    // Below 2.26 the tag filters are not in Nova's query schema: they are dropped like any unknown filter.
    const tagged = atLeast(versionOf(req, NOVA), TAGS_SINCE) ? tagFilter(req.query) : () => true;
    return servers.filter((s) => tagged(s.tags ?? []));
  };

  const list = (req: CloudRequest, detail: boolean) => {
    const url = `${baseUrl()}/compute/v2.1/servers${detail ? "/detail" : ""}`;
    const userId = req.auth!.userId;
    const v = versionOf(req, NOVA);
    const render = (s: ServerFixture) => (detail ? serverDetail(baseUrl(), s, userId, v, "list") : serverSummary(baseUrl(), s));
    return { status: 200, body: pagedBody("servers", filtered(req), req.query, "compute", url, render) };
  };

  const find = (req: CloudRequest): ServerFixture => {
    const auth = requireRead(req, "compute", "os_compute_api:servers:show");
    const id = req.params.server_id!;
    const server = view.getServer(auth.projectId, id);
    if (!server) fail("compute", 404, `Instance ${id} could not be found.`);
    return server;
  };

  const get = getRoutes("compute");
  return microversioned(NOVA, [
    get("/compute", "none", () => ({ status: 200, body: { versions: [versionDoc(baseUrl())] } })),
    get("/compute/v2.1", "none", () => ({ status: 200, body: { version: versionDoc(baseUrl()) } })),
    get("/compute/v2.1/servers", "token", (req) => list(req, false)),
    get("/compute/v2.1/servers/detail", "token", (req) => list(req, true)),
    get("/compute/v2.1/servers/:server_id", "token", (req) => ({ status: 200, body: { server: serverDetail(baseUrl(), find(req), req.auth!.userId, versionOf(req, NOVA)) } })),
    get("/compute/v2.1/servers/:server_id/os-volume_attachments", "token", (req) => {
      const server = find(req);
      const attachments = server.volumeIds
        .map((id) => view.getVolume(server.projectId, id))
        .flatMap((volume, i) => (volume ? [volumeAttachment(server.id, volume, i, versionOf(req, NOVA))] : []));
      return { status: 200, body: { volumeAttachments: attachments } };
    }),
  ]);
}
