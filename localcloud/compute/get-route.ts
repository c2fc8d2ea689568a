/** The read-only APIs (Nova, Cinder) declare only GET routes of one service: one line each. */
import type { Handler, Route, ServiceName } from "../core/contracts";

/** A GET route builder for `service`; `auth: "token"` has the core check X-Auth-Token first. */
export function getRoutes(service: ServiceName): (pattern: string, auth: Route["auth"], handler: Handler) => Route {
  return (pattern, auth, handler) => ({ method: "GET", pattern, service, auth, handler });
}
