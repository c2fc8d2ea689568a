/**
 * Nova 2.1 subset under `/compute/v2.1`: list (name regex and status filters, limit/marker), detail, show
 * and volume attachments. Another project's server is 404, exactly like one that does not exist.
 */
import type { CloudRequest, Route, ServerFixture } from "../core/contracts";
import { fail } from "../core/errors";
import { requireRead } from "../core/roles";
import type { StoreComputeView } from "./compute-view";
import { nextLink, page } from "./paging";
import { serverDetail, serverSummary, volumeAttachment } from "./server-json";

const STATUSES = new Set(["ACTIVE", "SHUTOFF", "ERROR", "RESIZE", "VERIFY_RESIZE"]);

function versionDoc(baseUrl: string) {
  return {
    id: "v2.1",
    status: "CURRENT",
    version: "2.96",
    min_version: "2.1",
    updated: "2013-07-23T11:33:21Z",
    links: [{ rel: "self", href: `${baseUrl}/compute/v2.1/` }],
    "media-types": [{ base: "application/json", type: "application/vnd.openstack.compute+json;version=2.1" }],
  };
}

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
    return servers;
  };

  const list = (req: CloudRequest, detail: boolean) => {
    const servers = filtered(req);
    const p = page(servers, req.query, "compute");
    const url = `${baseUrl()}/compute/v2.1/servers${detail ? "/detail" : ""}`;
    const userId = req.auth!.userId;
    return {
      status: 200,
      body: {
        servers: p.items.map((s) => (detail ? serverDetail(baseUrl(), s, userId) : serverSummary(baseUrl(), s))),
        ...(p.next ? { servers_links: nextLink(url, req.query, p.next) } : {}),
      },
    };
  };

  const find = (req: CloudRequest): ServerFixture => {
    const auth = requireRead(req, "compute", "os_compute_api:servers:show");
    const id = req.params.server_id!;
    const server = view.getServer(auth.projectId, id);
    if (!server) fail("compute", 404, `Instance ${id} could not be found.`);
    return server;
  };

  return [
    {
      method: "GET",
      pattern: "/compute",
      service: "compute",
      auth: "none",
      handler: () => ({ status: 200, body: { versions: [versionDoc(baseUrl())] } }),
    },
    { method: "GET", pattern: "/compute/v2.1", service: "compute", auth: "none", handler: () => ({ status: 200, body: { version: versionDoc(baseUrl()) } }) },
    { method: "GET", pattern: "/compute/v2.1/servers", service: "compute", auth: "token", handler: (req) => list(req, false) },
    { method: "GET", pattern: "/compute/v2.1/servers/detail", service: "compute", auth: "token", handler: (req) => list(req, true) },
    {
      method: "GET",
      pattern: "/compute/v2.1/servers/:server_id",
      service: "compute",
      auth: "token",
      handler: (req) => ({ status: 200, body: { server: serverDetail(baseUrl(), find(req), req.auth!.userId) } }),
    },
    {
      method: "GET",
      pattern: "/compute/v2.1/servers/:server_id/os-volume_attachments",
      service: "compute",
      auth: "token",
      handler: (req) => {
        const server = find(req);
        const attachments = server.volumeIds
          .map((id) => view.getVolume(server.projectId, id))
          .flatMap((v, i) => (v ? [volumeAttachment(server.id, v, i)] : []));
        return { status: 200, body: { volumeAttachments: attachments } };
      },
    },
  ];
}
