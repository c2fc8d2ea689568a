/**
 * One region of the local cloud: its partition of the store, its clock and scheduler, its fault rules, and the
 * routes of every regional service (Nova, Cinder, Glance, CSBS, Karbor and the admin API) built on that
 * partition alone. Keystone is not regional: the cloud passes its routes to the first region only, and every
 * region's catalog names the same Keystone.
 */
import { adminRoutes } from "../admin/admin-routes";
import { StoreComputeView } from "../compute/compute-view";
import { NOVA } from "../compute/nova-microversion";
import { novaRoutes } from "../compute/nova-routes";
import { serverMetadataRoutes } from "../compute/server-metadata-routes";
import { serverTagRoutes } from "../compute/server-tags-routes";
import { CloudClock } from "../core/clock";
import { collection } from "../core/collection";
import type { CloudContext, ProjectFixture, Route, ServiceModule } from "../core/contracts";
import { FaultInjector } from "../core/faults";
import { microversioned } from "../core/microversion";
import type { Partition } from "../core/pipeline/exchange";
import { REGION_PATH_SEGMENT } from "../core/pipeline/region-step";
import { RegionStore, regionCollectionPrefix } from "../core/region-store";
import type { RequestLog } from "../core/request-log";
import { Router } from "../core/router";
import type { LocalStore } from "../core/store";
import { attachScheduler } from "../csbs";
import type { AppliedFixtures } from "../fixtures/apply-fixtures";
import type { Fixtures } from "../fixtures/fixtures-format";
import type { TokenService } from "../identity/tokens";
import { glanceRoutes } from "../image/glance-routes";
import { CINDER } from "../volume/cinder-microversion";
import { cinderRoutes } from "../volume/cinder-routes";

/** The clock offset survives restarts of a durable cloud (one record per region, id `clock`). */
const CLOCK_COLLECTION = collection<{ id: string; offsetMs: number }>("_localcloud");

export interface Region {
  readonly name: string;
  /** `""` for the first region, `/regions/<name>` for the others. */
  readonly prefix: string;
  /** Base URL of the region's endpoints, e.g. `http://127.0.0.1:8799/regions/RegionTwo`. */
  url(): string;
  readonly store: RegionStore;
  readonly clock: CloudClock;
  readonly context: CloudContext;
  readonly compute: StoreComputeView;
  readonly faults: FaultInjector;
  /** The pipeline's view of the region; the routes are mounted by {@link mountRoutes}. */
  readonly partition: Partition;
}

export interface RegionOptions {
  name: string;
  first: boolean;
  root: LocalStore;
  clockStart?: Date;
  baseUrl: () => string;
  projects: () => ProjectFixture[];
  log: (line: string) => void;
}

/** A region's partition, clock and context (no routes yet: they need every region's fixture writer). */
export function createRegion(options: RegionOptions): Region {
  const store = new RegionStore(options.root, regionCollectionPrefix(options.name, options.first));
  const saved = store.get(CLOCK_COLLECTION, "clock");
  const clock = new CloudClock({
    ...(saved ? { offsetMs: saved.offsetMs } : options.clockStart ? { start: options.clockStart } : {}),
    onOffsetChange: (offsetMs) => store.put(CLOCK_COLLECTION, { id: "clock", offsetMs }),
    onError: (error) => options.log(`clock listener of ${options.name} failed: ${(error as Error)?.stack ?? String(error)}`),
  });
  if (!saved && options.clockStart) store.put(CLOCK_COLLECTION, { id: "clock", offsetMs: clock.offset() });
  const prefix = options.first ? "" : `/${REGION_PATH_SEGMENT}/${encodeURIComponent(options.name)}`;
  const url = () => `${options.baseUrl()}${prefix}`;
  const compute = new StoreComputeView(store);
  const context: CloudContext = {
    store,
    clock,
    compute,
    projects: options.projects,
    baseUrl: url,
    log: options.log,
  };
  const faults = new FaultInjector();
  return { name: options.name, prefix, url, store, clock, context, compute, faults, partition: { name: options.name, prefix, router: new Router(), faults } };
}

export interface MountOptions {
  /** Routes served in this region besides its own (Keystone's, in the first region). */
  shared: readonly Route[];
  modules: readonly ServiceModule[];
  requestLog: RequestLog;
  tokens?: TokenService;
  /** The store of Keystone's collections. */
  identity: LocalStore;
  /** Writes posted fixtures with this region as the default one. */
  applyFixtures: (fixtures: Fixtures) => AppliedFixtures;
  /** Every region, for `GET /_localcloud/regions`. */
  regions: () => Array<{ name: string; url: string; now: string }>;
}

/** Puts every route of the region in its router: the regional services on its partition, then `shared`. */
export function mountRoutes(region: Region, options: MountOptions): void {
  const { store, clock, context, compute, faults } = region;
  const routes: Route[] = [
    ...options.shared,
    ...novaRoutes(compute, region.url),
    ...microversioned(NOVA, [...serverTagRoutes(store, compute, region.url), ...serverMetadataRoutes(compute)]),
    ...microversioned(CINDER, cinderRoutes(compute, region.url)),
    ...glanceRoutes(region.url),
    ...adminRoutes({
      store,
      identity: options.identity,
      clock,
      faults,
      requestLog: options.requestLog,
      applyFixtures: options.applyFixtures,
      regions: options.regions,
      ...(options.tokens ? { tokens: options.tokens } : {}),
    }),
    ...options.modules.flatMap((m) => m.routes(context)),
  ];
  for (const route of routes) region.partition.router.add(route);
}

/** Runs the region's scheduler on its clock; returns the detach function. */
export function startScheduler(region: Region): () => void {
  return attachScheduler(region.context);
}
