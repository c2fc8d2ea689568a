/** Finds the route of a request in its region's router, or answers 400 / 404 / 405 in the dialect of the service the path names. */
import type { ServiceName } from "../contracts";
import { serviceError } from "../errors";
import type { Outcome, Step } from "./exchange";

/** Longest path (without query) the cloud looks at; longer ones are 400 without routing. */
export const MAX_PATH_LENGTH = 4096;

const NOT_FOUND: Record<ServiceName, string> = {
  identity: "The resource could not be found.",
  compute: "The resource could not be found.",
  volume: "The resource could not be found.",
  image: "The resource could not be found.",
  karbor: "The resource could not be found.",
  csbs: "The API does not exist or has not been published in the environment",
  admin: "no such admin endpoint",
};

export function routeStep(): Step {
  return (ex): Outcome | undefined => {
    if (ex.rawPath.length > MAX_PATH_LENGTH || !ex.rawPath.startsWith("/")) {
      const reply = serviceError(ex.service, 400, `the request path is longer than ${MAX_PATH_LENGTH} characters or malformed`);
      return { reply, headers: { Connection: "close" } };
    }
    const match = ex.partition.router.match(ex.method, ex.path);
    if (match.kind === "found") {
      ex.route = match.route;
      ex.params = match.params;
      ex.service = match.route.service;
      return undefined;
    }
    ex.service = match.service;
    switch (match.kind) {
      case "bad-path":
        return { reply: serviceError(ex.service, 400, `Malformed request url: ${match.reason}`) };
      case "method-not-allowed":
        return { reply: serviceError(ex.service, 405, "The method is not allowed for the requested URL."), headers: { Allow: match.allowed.join(", ") } };
      case "not-found":
        return { reply: serviceError(ex.service, 404, NOT_FOUND[ex.service]) };
    }
  };
}
