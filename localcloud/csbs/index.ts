/**
 * The local cloud's CSBS v1 service. The core mounts `csbsService` (routes under `/csbs/v1/:project_id` and the
 * admin knobs under `/_localcloud/csbs/settings`) and calls `attachScheduler(ctx)` once the clock exists.
 */
import type { Route, ServiceModule } from "../core/contracts";
import { checkpointRoutes } from "./routes/checkpoints";
import { itemRoutes } from "./routes/items";
import { oplogRoutes } from "./routes/oplogs";
import { policyRoutes } from "./routes/policies";
import { quotaRoutes } from "./routes/quotas";
import { restoreRoutes } from "./routes/restores";
import { settingsRoutes } from "./routes/settings";
import { tagRoutes } from "./routes/tags";

export const csbsService: ServiceModule = {
  routes: (ctx): Route[] => [
    ...policyRoutes(ctx),
    ...checkpointRoutes(ctx),
    ...itemRoutes(ctx),
    ...restoreRoutes(ctx),
    ...quotaRoutes(ctx),
    ...oplogRoutes(ctx),
    ...tagRoutes(ctx),
    ...settingsRoutes(ctx),
  ],
};

export { attachScheduler } from "../scheduler/attach";
export { readCursor as readSchedulerCursor } from "../scheduler/cursor";
