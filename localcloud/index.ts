/**
 * `startLocalCloud(options)`: the local CSBS/Karbor/Keystone/Nova/Cinder cloud on one port, for tests, the
 * demo and local development. See docs/ARCHITECTURE.md, "Local cloud".
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { CloudClock } from "./core/clock";
import type { CloudContext, ServiceModule } from "./core/contracts";
import type { FaultInjector } from "./core/faults";
import type { RegionStore } from "./core/region-store";
import { RequestLog } from "./core/request-log";
import { CloudServer } from "./core/server";
import { LocalStore } from "./core/store";
import { ensureTlsMaterial } from "./core/tls-certs";
import { csbsService } from "./csbs";
import { adoptKeystoneProject, applyFixtures, type AppliedFixtures, type FixtureRegion } from "./fixtures/apply-fixtures";
import { defaultFixtures } from "./fixtures/default-fixtures";
import { parseFixtures, regionName, type Fixtures } from "./fixtures/fixtures-format";
import { Directory } from "./identity/directory";
import { keystoneRoutes } from "./identity/keystone-routes";
import { RemoteKeystoneValidator, type ServiceUser } from "./identity/remote-keystone";
import { TokenService } from "./identity/tokens";
import { karborService } from "./karbor";
import { createRegion, mountRoutes, startScheduler, type Region } from "./region/region";

export type { Fixtures } from "./fixtures/fixtures-format";
export type { ServiceUser } from "./identity/remote-keystone";

export interface LocalCloudOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Address to listen on. Anything but loopback turns the admin API off unless `adminSecret` is set. @default "127.0.0.1" */
  host?: string;
  /** Directory for durable state (journal + snapshot); absent = in-memory. @default undefined */
  stateDir?: string;
  /** Fixtures object or path to a JSON file. @default the default fixtures (demo/other projects, 104 servers) */
  fixtures?: Fixtures | string;
  /** Lifetime of issued tokens. @default 3600 */
  tokenTtlSeconds?: number;
  /** Serve HTTPS with a generated CA (see `caCertPem`/`caCertPath`). @default false */
  tls?: boolean;
  /** Real-Keystone mode: validate tokens against this Keystone and serve no identity API. @default undefined */
  keystoneUrl?: string;
  /** The cloud's service user in real-Keystone mode (required with `keystoneUrl`). @default undefined */
  serviceUser?: ServiceUser;
  /** Seconds a real-Keystone validation is reused (revocations show after this long). @default 0 */
  keystoneCacheSeconds?: number;
  /** Secret every admin request must carry in `X-LocalCloud-Admin-Secret`. @default undefined */
  adminSecret?: string;
  /** Where every region's clock starts (ignored for a region whose clock the state dir already holds). @default real time */
  clock?: { start?: string };
  /** The regions, the first the default. @default the fixtures' `regions`, else ["RegionOne", "RegionTwo"] */
  regions?: string[];
  /** Where log lines go. @default stderr when LOCALCLOUD_DEBUG is set, else nowhere */
  log?: (line: string) => void;
}

export interface LocalCloud {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Keystone v3 URL (`{url}/identity/v3`), or the real Keystone's URL in real-Keystone mode. */
  authUrl: string;
  /** `{url}/_localcloud`. */
  adminUrl: string;
  port: number;
  /** Every region, the first (the default one: `clock`, `store`, `context` and `faults` are its) first. */
  regions: LocalCloudRegion[];
  /** The region called `name`; throws naming the regions when there is none. */
  region(name: string): LocalCloudRegion;
  /** PEM of the generated CA (TLS mode). */
  caCertPem?: string;
  /** Path of the generated CA's PEM file (TLS mode). */
  caCertPath?: string;
  /** The first region's clock (each region has its own). */
  clock: CloudClock;
  /** The whole store: Keystone's collections and the first region's under their plain names, other regions' under `regions/<name>/`. */
  store: LocalStore;
  /** The first region's services' context. */
  context: CloudContext;
  /** What the startup fixtures created (ids of projects, users, servers; the first region's servers in `servers`). */
  fixtures: AppliedFixtures;
  /** The first region's fault rules (each region has its own). */
  faults: FaultInjector;
  requestLog: RequestLog;
  /** Stops listening, stops the schedulers and flushes the state dir. */
  close(): Promise<void>;
}

/** One region of a running cloud: its endpoints' base URL and its own data, clock, context and fault rules. */
export interface LocalCloudRegion {
  name: string;
  /** Base URL of the region's endpoints: the cloud's `url` for the first region, `{url}/regions/<name>` for others. */
  url: string;
  clock: CloudClock;
  store: RegionStore;
  context: CloudContext;
  faults: FaultInjector;
}

/** The regions of a cloud started without `regions` and with fixtures that name none. */
export const DEFAULT_REGIONS: readonly string[] = ["RegionOne", "RegionTwo"];

function regionNames(option: string[] | undefined, fixtures: Fixtures): string[] {
  const names = option ?? fixtures.regions ?? [...DEFAULT_REGIONS];
  if (names.length === 0) throw new Error("regions is empty: give at least one region name, e.g. [\"RegionOne\"]");
  for (const n of names) {
    if (!regionName.safeParse(n).success) throw new Error(`region "${n}": a region name is 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit`);
  }
  if (new Set(names).size !== names.length) throw new Error(`regions ${JSON.stringify(names)}: region names must be unique`);
  return names;
}

function loadFixtures(option: Fixtures | string | undefined, regions: string[] | undefined): Fixtures {
  if (option === undefined) return defaultFixtures(regions);
  if (typeof option !== "string") {
    const parsed = parseFixtures(option, "the fixtures option");
    if (!parsed.value) throw new Error(parsed.error);
    return parsed.value;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(option, "utf8")) as unknown;
  } catch (error) {
    throw new Error(`fixtures file "${option}" could not be read as JSON: ${(error as Error).message}; pass a JSON file in the fixtures format`);
  }
  const parsed = parseFixtures(raw, `fixtures file "${option}"`);
  if (!parsed.value) throw new Error(parsed.error);
  return parsed.value;
}

/** Data-protection modules, mounted in every region: a project's catalog points at CSBS or Karbor by its fixture `api`. */
const DATA_PROTECTION_MODULES: ServiceModule[] = [csbsService, karborService];

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? (process.env.LOCALCLOUD_DEBUG ? (line: string) => process.stderr.write(`[localcloud] ${line}\n`) : () => undefined);
  if (options.keystoneUrl && !options.serviceUser) {
    throw new Error("keystoneUrl is set but serviceUser is not: real-Keystone mode needs a service user {name, password, project, domain} to validate tokens");
  }
  const fixtures = loadFixtures(options.fixtures, options.regions);
  const store = new LocalStore(options.stateDir ? { stateDir: options.stateDir } : {});
  const start = options.clock?.start !== undefined ? new Date(options.clock.start) : undefined;
  if (start && Number.isNaN(start.getTime())) throw new Error(`clock.start is "${options.clock?.start}": not an ISO 8601 time`);

  const realKeystone = options.keystoneUrl !== undefined;
  const directory = new Directory(store);
  let baseUrl = "";
  const names = regionNames(options.regions, fixtures);
  const regions: Region[] = names.map((name, i) =>
    createRegion({ name, first: i === 0, root: store, ...(start ? { clockStart: start } : {}), baseUrl: () => baseUrl, projects: () => directory.projects(), log }),
  );
  const fixtureRegions: FixtureRegion[] = regions.map((r, i) => ({ name: r.name, store: r.store, first: i === 0 }));
  const write = (f: Fixtures, region: Region): AppliedFixtures => {
    if (f.regions && f.regions.join() !== names.join()) {
      throw new Error(`the posted fixtures' \`regions\` is ${JSON.stringify(f.regions)}: a running cloud keeps the regions it started with (${names.join(", ")}); drop \`regions\` and name a region in a project's \`regions\` block`);
    }
    return applyFixtures(store, region.clock, f, { identity: !realKeystone, region: fixtureRegions[regions.indexOf(region)]!, regions: fixtureRegions });
  };
  const applied = applyFixtures(store, regions[0]!.clock, fixtures, { identity: !realKeystone, region: fixtureRegions[0]!, regions: fixtureRegions });
  const tokens = realKeystone ? undefined : new TokenService(store, directory, options.tokenTtlSeconds ?? 3600);
  const validator = realKeystone
    ? new RemoteKeystoneValidator({
        keystoneUrl: options.keystoneUrl!,
        serviceUser: options.serviceUser!,
        cacheSeconds: options.keystoneCacheSeconds ?? 0,
        onProject: (p) => adoptKeystoneProject(store, p, regions.map((r) => r.store)),
      })
    : tokens!;

  const requestLog = new RequestLog();
  // Keystone is one: it answers at the root (the first region's partition), and every catalog names it.
  const catalogRegions = () => regions.map((r) => ({ name: r.name, baseUrl: r.url() }));
  const identityRoutes = tokens ? keystoneRoutes({ directory, tokens, baseUrl: () => baseUrl, regions: catalogRegions }) : [];
  regions.forEach((region, i) =>
    mountRoutes(region, {
      shared: i === 0 ? identityRoutes : [],
      modules: DATA_PROTECTION_MODULES,
      requestLog,
      identity: store,
      applyFixtures: (f) => write(f, region),
      regions: () => regions.map((r) => ({ name: r.name, url: r.url(), now: r.clock.now().toISOString() })),
      ...(tokens ? { tokens } : {}),
    }),
  );

  const tls = options.tls ? ensureTlsMaterial(options.stateDir ? path.join(options.stateDir, "tls") : undefined) : undefined;
  const server = new CloudServer({
    partitions: regions.map((r) => r.partition),
    validator,
    requestLog,
    ...(options.adminSecret !== undefined ? { adminSecret: options.adminSecret } : {}),
    ...(tls ? { tls: { key: tls.key, cert: tls.cert } } : {}),
    log,
  });
  const address = await server.listen(options.port ?? 0, host);
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  baseUrl = `${tls ? "https" : "http"}://${urlHost}:${address.port}`;

  const detachSchedulers = regions.map((r) => startScheduler(r));
  for (const r of regions) r.clock.start();

  const handles: LocalCloudRegion[] = regions.map((r) => ({ name: r.name, url: r.url(), clock: r.clock, store: r.store, context: r.context, faults: r.faults }));
  const first = regions[0]!;
  let closed = false;
  return {
    url: baseUrl,
    authUrl: realKeystone ? options.keystoneUrl! : `${baseUrl}/identity/v3`,
    adminUrl: `${baseUrl}/_localcloud`,
    port: address.port,
    regions: handles,
    region: (name) => {
      const found = handles.find((h) => h.name === name);
      if (!found) throw new Error(`the local cloud has no region "${name}"; its regions are ${names.join(", ")}`);
      return found;
    },
    ...(tls ? { caCertPem: tls.caCertPem, caCertPath: tls.caCertPath } : {}),
    clock: first.clock,
    store,
    context: first.context,
    fixtures: applied,
    faults: first.faults,
    requestLog,
    close: async () => {
      if (closed) return;
      closed = true;
      for (const detach of detachSchedulers) detach();
      await server.close();
      for (const r of regions) await r.clock.stop();
      store.close();
    },
  };
}
