/**
 * The local cloud's upstream OpenStack Karbor v1 service (docs/csbs-api-notes.md section A) under `/karbor/v1/:project_id`,
 * on the same data as CSBS (see model/types.ts for the mapping). `localcloud/index.ts` loads this module by
 * path and mounts `karborService` next to CSBS; projects with `api: "karbor"` get it as their data-protect endpoint.
 */
import type { Route, ServiceModule } from "../core/contracts";
import { operationRoutes } from "./routes/operations";
import { oplogRoutes } from "./routes/oplogs";
import { planRoutes } from "./routes/plans";
import { protectableRoutes } from "./routes/protectables";
import { providerRoutes } from "./routes/providers";
import { quotaRoutes } from "./routes/quotas";
import { restoreRoutes } from "./routes/restores";
import { serviceRoutes } from "./routes/services";
import { triggerRoutes } from "./routes/triggers";

export const karborService: ServiceModule = {
  routes: (ctx): Route[] => [
    ...planRoutes(ctx),
    ...triggerRoutes(ctx),
    ...operationRoutes(ctx),
    ...providerRoutes(ctx),
    ...protectableRoutes(ctx),
    ...restoreRoutes(ctx),
    ...oplogRoutes(ctx),
    ...quotaRoutes(ctx),
    ...serviceRoutes(ctx),
  ],
};
