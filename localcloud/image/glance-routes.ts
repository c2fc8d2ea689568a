/**
 * A read-only Glance v2 subset under `/image`: the version document, images list (name / status / visibility
 * filters, limit / marker paging with Glance's relative `next` link) and show. Enough for the `openstack` CLI and
 * openstacksdk to resolve the image service; images cannot be created, changed or downloaded.
 */
import { ReplyError, type CloudRequest, type Route } from "../core/contracts";
import { serviceError } from "../core/errors";
import { paginate, type PagingDialect } from "../core/paging";
import { requireRead } from "../core/roles";
import { getRoutes } from "../compute/get-route";
import { IMAGES, imageView } from "./images";

const GLANCE_PAGING: PagingDialect = {
  maxLimit: 1000,
  minLimit: 0,
  integer: /^\d+$/,
  emptyIsAbsent: false,
  offset: false,
  nextLinkWhen: "page-full",
  nextLinkSetsLimit: false,
  refuse: (problem) => {
    switch (problem.kind) {
      case "limit-not-integer":
      case "offset-not-integer":
        return new ReplyError(serviceError("image", 400, "limit param must be an integer"));
      case "limit-too-small":
      case "offset-negative":
        return new ReplyError(serviceError("image", 400, "limit param must be positive"));
      case "marker-not-found":
        return new ReplyError(serviceError("image", 400, `marker ${problem.marker.slice(0, 64)} could not be found.`));
    }
  },
};

function list(req: CloudRequest) {
  requireRead(req, "image", "get_images");
  const q = req.query;
  const rows = IMAGES.filter((i) => (q.get("name") === null || i.name === q.get("name")) && (q.get("status") === null || q.get("status") === "active")
    && (q.get("visibility") === null || ["public", "all"].includes(q.get("visibility")!)));
  const page = paginate([...rows], q, "/v2/images", GLANCE_PAGING);
  return { images: page.items.map(imageView), first: "/v2/images", schema: "/v2/schemas/images", ...(page.next ? { next: page.next.href } : {}) };
}

export function glanceRoutes(baseUrl: () => string): Route[] {
  const get = getRoutes("image");
  const versions = () => ({
    versions: [{ id: "v2.9", status: "CURRENT", links: [{ rel: "self", href: `${baseUrl()}/image/v2/` }] }],
  });
  return [
    // Glance answers its root with 300 Multiple Choices, which version discovery expects.
    get("/image", "none", () => ({ status: 300, body: versions() })),
    get("/image/versions", "none", () => ({ status: 200, body: versions() })),
    get("/image/v2/images", "token", (req) => ({ status: 200, body: list(req) })),
    get("/image/v2/images/:image_id", "token", (req) => {
      requireRead(req, "image", "get_image");
      const image = IMAGES.find((i) => i.id === req.params.image_id);
      if (!image) throw new ReplyError(serviceError("image", 404, `No image found with ID ${req.params.image_id}`));
      return { status: 200, body: imageView(image) };
    }),
  ];
}
