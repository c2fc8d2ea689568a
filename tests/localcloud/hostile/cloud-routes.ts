/**
 * Every route a running local cloud serves (method, pattern, service, auth), collected from the same route
 * builders `startLocalCloud` mounts, so a route added later is attacked by the hostile tests without editing
 * them. Only the patterns are used; the handlers built here are never called.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { adminRoutes } from "../../../localcloud/admin/admin-routes";
import { NOVA } from "../../../localcloud/compute/nova-microversion";
import { novaRoutes } from "../../../localcloud/compute/nova-routes";
import { serverMetadataRoutes } from "../../../localcloud/compute/server-metadata-routes";
import { serverTagRoutes } from "../../../localcloud/compute/server-tags-routes";
import { microversioned } from "../../../localcloud/core/microversion";
import type { Route, ServiceModule } from "../../../localcloud/core/contracts";
import { csbsService } from "../../../localcloud/csbs";
import { Directory } from "../../../localcloud/identity/directory";
import { keystoneRoutes } from "../../../localcloud/identity/keystone-routes";
import { TokenService } from "../../../localcloud/identity/tokens";
import { glanceRoutes } from "../../../localcloud/image/glance-routes";
import { cinderRoutes } from "../../../localcloud/volume/cinder-routes";
import type { TestCloud } from "../../support/cloud";

/** A route as a pattern, without its handler. */
export interface RouteShape {
  method: Route["method"];
  pattern: string;
  service: Route["service"];
  auth: Route["auth"];
}

function karborModule(): ServiceModule | undefined {
  const file = path.join(__dirname, "..", "..", "..", "localcloud", "karbor", "index.js");
  if (!fs.existsSync(file)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(file) as { karborService?: ServiceModule }).karborService;
}

/** The routes of `cloud` as patterns. */
export function cloudRoutes(cloud: TestCloud): RouteShape[] {
  const ctx = cloud.context;
  const directory = new Directory(cloud.store);
  const tokens = new TokenService(cloud.store, directory, 3600);
  const routes: Route[] = [
    ...keystoneRoutes({ directory, tokens, baseUrl: ctx.baseUrl }),
    ...novaRoutes(cloud.context.compute as Parameters<typeof novaRoutes>[0], ctx.baseUrl),
    ...microversioned(NOVA, [
      ...serverTagRoutes(cloud.store, cloud.context.compute as Parameters<typeof serverTagRoutes>[1], ctx.baseUrl),
      ...serverMetadataRoutes(cloud.context.compute as Parameters<typeof serverMetadataRoutes>[0]),
    ]),
    ...cinderRoutes(cloud.context.compute as Parameters<typeof cinderRoutes>[0], ctx.baseUrl),
    ...glanceRoutes(ctx.baseUrl),
    ...adminRoutes({ store: cloud.store, clock: cloud.clock, faults: cloud.faults, requestLog: cloud.requestLog, tokens }),
    ...csbsService.routes(ctx),
    ...(karborModule()?.routes(ctx) ?? []),
  ];
  return routes.map(({ method, pattern, service, auth }) => ({ method, pattern, service, auth }));
}

/** Fills a pattern's `:params`, the project id with the caller's own project unless `values` says otherwise. */
export function fillPattern(pattern: string, values: Record<string, string>, fallback: (param: string) => string): string {
  return pattern.replace(/:([a-z_]+)/g, (_m, name: string) => values[name] ?? fallback(name));
}

/** The admin routes whose success changes what later requests see (faults, clock, fixtures): attacked separately. */
export function isStatefulAdmin(r: RouteShape): boolean {
  return r.service === "admin" && r.method !== "GET";
}
