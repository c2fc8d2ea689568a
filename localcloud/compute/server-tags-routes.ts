/**
 * `/servers/{id}/tags` (Nova microversion 2.26): list, replace all, delete all, check one, add one, delete one.
 * Readers may read; writes need the member role. Another project's server is 404, like a missing one. Below 2.26
 * every tag route is Nova's bare 404: its dispatcher answers a method the version lacks as if it did not exist.
 */
import type { CloudRequest, Route, ServerFixture, Store } from "../core/contracts";
import { fail } from "../core/errors";
import { atLeast, versionOf } from "../core/microversion";
import { requireRead, requireWrite } from "../core/roles";
import { SERVERS } from "../fixtures/apply-fixtures";
import type { StoreComputeView } from "./compute-view";
import { NOVA, TAGS_SINCE } from "./nova-microversion";
import { checkTag, checkTagList, MAX_TAGS_PER_SERVER } from "./server-tags";

/** What Nova answers a request below the method's microversion: webob's HTTPNotFound, with no word of versions. */
export const METHOD_NOT_IN_VERSION = "The resource could not be found.";

/** The caller's server named in the URL (read or write access as asked), or Nova's 404. */
export function serverOf(view: StoreComputeView, req: CloudRequest, write: boolean, action = "os-server-tags"): ServerFixture {
  const auth = write ? requireWrite(req, "compute", `os_compute_api:${action}:update`) : requireRead(req, "compute", `os_compute_api:${action}:index`);
  const id = req.params.server_id!;
  const server = view.getServer(auth.projectId, id);
  if (!server) fail("compute", 404, `Instance ${id} could not be found.`);
  return server;
}

export function serverTagRoutes(store: Store, view: StoreComputeView, baseUrl: () => string): Route[] {
  const save = (server: ServerFixture, tags: string[]) => store.put<ServerFixture>(SERVERS, { ...server, tags });
  const route = (method: Route["method"], pattern: string, handler: Route["handler"]): Route => ({
    method, pattern: `/compute/v2.1/servers/:server_id/tags${pattern}`, service: "compute", auth: "token",
    handler: (req) => {
      if (!atLeast(versionOf(req, NOVA), TAGS_SINCE)) fail("compute", 404, METHOD_NOT_IN_VERSION);
      return handler(req);
    },
  });
  return [
    route("GET", "", (req) => ({ status: 200, body: { tags: [...(serverOf(view, req, false).tags ?? [])] } })),
    route("PUT", "", (req) => {
      const server = serverOf(view, req, true);
      const body = req.body as { tags?: unknown } | undefined;
      const tags = checkTagList(body?.tags);
      save(server, tags);
      return { status: 200, body: { tags } };
    }),
    route("DELETE", "", (req) => {
      save(serverOf(view, req, true), []);
      return { status: 204 };
    }),
    route("GET", "/:tag", (req) => {
      const tag = req.params.tag!;
      if (!(serverOf(view, req, false).tags ?? []).includes(tag)) fail("compute", 404, `Tag '${tag}' could not be found.`);
      return { status: 204 };
    }),
    route("PUT", "/:tag", (req) => {
      const server = serverOf(view, req, true);
      const tag = checkTag(req.params.tag);
      const tags = server.tags ?? [];
      if (tags.includes(tag)) return { status: 204 };
      if (tags.length >= MAX_TAGS_PER_SERVER) fail("compute", 400, `The number of tags exceeded the per-server limit ${MAX_TAGS_PER_SERVER}`);
      save(server, [...tags, tag]);
      const location = `${baseUrl()}/compute/v2.1/servers/${server.id}/tags/${encodeURIComponent(tag)}`;
      return { status: 201, headers: { location } };
    }),
    route("DELETE", "/:tag", (req) => {
      const server = serverOf(view, req, true);
      const tag = req.params.tag!;
      const tags = server.tags ?? [];
      if (!tags.includes(tag)) fail("compute", 404, `Tag '${tag}' could not be found.`);
      save(server, tags.filter((t) => t !== tag));
      return { status: 204 };
    }),
  ];
}
