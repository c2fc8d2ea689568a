/**
 * `startLocalCloud(options)`: the local CSBS/Karbor/Keystone/Nova/Cinder cloud on one port, for tests, the
 * demo and local development. See docs/ARCHITECTURE.md, "Local cloud".
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { adminRoutes } from "./admin/admin-routes";
import { collection } from "./core/collection";
import { StoreComputeView } from "./compute/compute-view";
import { NOVA } from "./compute/nova-microversion";
import { novaRoutes } from "./compute/nova-routes";
import { microversioned } from "./core/microversion";
import { glanceRoutes } from "./image/glance-routes";
import { CINDER } from "./volume/cinder-microversion";
import { serverMetadataRoutes } from "./compute/server-metadata-routes";
import { serverTagRoutes } from "./compute/server-tags-routes";
import { CloudClock } from "./core/clock";
import type { CloudContext, Route, ServiceModule } from "./core/contracts";
import { FaultInjector } from "./core/faults";
import { RequestLog } from "./core/request-log";
import { Router } from "./core/router";
import { CloudServer } from "./core/server";
import { LocalStore } from "./core/store";
import { ensureTlsMaterial } from "./core/tls-certs";
import { attachScheduler, csbsService } from "./csbs";
import { adoptKeystoneProject, applyFixtures, type AppliedFixtures } from "./fixtures/apply-fixtures";
import { defaultFixtures } from "./fixtures/default-fixtures";
import { parseFixtures, type Fixtures } from "./fixtures/fixtures-format";
import { Directory } from "./identity/directory";
import { keystoneRoutes } from "./identity/keystone-routes";
import { RemoteKeystoneValidator, type ServiceUser } from "./identity/remote-keystone";
import { TokenService } from "./identity/tokens";
import { karborService } from "./karbor";
import { cinderRoutes } from "./volume/cinder-routes";

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
  /** Where the cloud's clock starts (ignored when the state dir already holds a clock). @default real time */
  clock?: { start?: string };
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
  /** PEM of the generated CA (TLS mode). */
  caCertPem?: string;
  /** Path of the generated CA's PEM file (TLS mode). */
  caCertPath?: string;
  clock: CloudClock;
  store: LocalStore;
  context: CloudContext;
  /** What the startup fixtures created (ids of projects, users, servers). */
  fixtures: AppliedFixtures;
  faults: FaultInjector;
  requestLog: RequestLog;
  /** Stops listening, stops the scheduler and flushes the state dir. */
  close(): Promise<void>;
}

/** The clock offset survives restarts of a durable cloud (one record, id `clock`). */
const CLOCK_COLLECTION = collection<{ id: string; offsetMs: number }>("_localcloud");

function loadFixtures(option: Fixtures | string | undefined): Fixtures {
  if (option === undefined) return defaultFixtures();
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

/** Data-protection modules: a project's catalog points at CSBS or Karbor by its fixture `api`. */
const DATA_PROTECTION_MODULES: ServiceModule[] = [csbsService, karborService];

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? (process.env.LOCALCLOUD_DEBUG ? (line: string) => process.stderr.write(`[localcloud] ${line}\n`) : () => undefined);
  if (options.keystoneUrl && !options.serviceUser) {
    throw new Error("keystoneUrl is set but serviceUser is not: real-Keystone mode needs a service user {name, password, project, domain} to validate tokens");
  }
  const fixtures = loadFixtures(options.fixtures);
  const store = new LocalStore(options.stateDir ? { stateDir: options.stateDir } : {});

  const saved = store.get(CLOCK_COLLECTION, "clock");
  const start = options.clock?.start !== undefined ? new Date(options.clock.start) : undefined;
  if (start && Number.isNaN(start.getTime())) throw new Error(`clock.start is "${options.clock?.start}": not an ISO 8601 time`);
  const clock = new CloudClock({
    ...(saved ? { offsetMs: saved.offsetMs } : start ? { start } : {}),
    onOffsetChange: (offsetMs) => store.put(CLOCK_COLLECTION, { id: "clock", offsetMs }),
    onError: (error) => log(`clock listener failed: ${(error as Error)?.stack ?? String(error)}`),
  });
  if (!saved && start) store.put(CLOCK_COLLECTION, { id: "clock", offsetMs: clock.offset() });

  const realKeystone = options.keystoneUrl !== undefined;
  const applied = applyFixtures(store, clock, fixtures, { identity: !realKeystone });
  const directory = new Directory(store);
  const tokens = realKeystone ? undefined : new TokenService(store, directory, options.tokenTtlSeconds ?? 3600);
  const validator = realKeystone
    ? new RemoteKeystoneValidator({
        keystoneUrl: options.keystoneUrl!,
        serviceUser: options.serviceUser!,
        cacheSeconds: options.keystoneCacheSeconds ?? 0,
        onProject: (p) => adoptKeystoneProject(store, p),
      })
    : tokens!;

  let baseUrl = "";
  const compute = new StoreComputeView(store);
  const context: CloudContext = {
    store,
    clock,
    compute,
    projects: () => directory.projects(),
    baseUrl: () => baseUrl,
    log,
  };

  const faults = new FaultInjector();
  const requestLog = new RequestLog();
  const routes: Route[] = [
    ...(tokens ? keystoneRoutes({ directory, tokens, baseUrl: () => baseUrl }) : []),
    ...novaRoutes(compute, () => baseUrl),
    ...microversioned(NOVA, [...serverTagRoutes(store, compute, () => baseUrl), ...serverMetadataRoutes(compute)]),
    ...microversioned(CINDER, cinderRoutes(compute, () => baseUrl)),
    ...glanceRoutes(() => baseUrl),
    ...adminRoutes({ store, clock, faults, requestLog, ...(tokens ? { tokens } : {}) }),
    ...DATA_PROTECTION_MODULES.flatMap((m) => m.routes(context)),
  ];
  const router = new Router(routes);

  const tls = options.tls ? ensureTlsMaterial(options.stateDir ? path.join(options.stateDir, "tls") : undefined) : undefined;
  const server = new CloudServer({
    router,
    validator,
    faults,
    requestLog,
    ...(options.adminSecret !== undefined ? { adminSecret: options.adminSecret } : {}),
    ...(tls ? { tls: { key: tls.key, cert: tls.cert } } : {}),
    log,
  });
  const address = await server.listen(options.port ?? 0, host);
  const urlHost = host.includes(":") ? `[${host}]` : host === "0.0.0.0" ? "127.0.0.1" : host;
  baseUrl = `${tls ? "https" : "http"}://${urlHost}:${address.port}`;

  const detachScheduler = attachScheduler(context);
  clock.start();

  let closed = false;
  return {
    url: baseUrl,
    authUrl: realKeystone ? options.keystoneUrl! : `${baseUrl}/identity/v3`,
    adminUrl: `${baseUrl}/_localcloud`,
    port: address.port,
    ...(tls ? { caCertPem: tls.caCertPem, caCertPath: tls.caCertPath } : {}),
    clock,
    store,
    context,
    fixtures: applied,
    faults,
    requestLog,
    close: async () => {
      if (closed) return;
      closed = true;
      detachScheduler();
      await server.close();
      await clock.stop();
      store.close();
    },
  };
}
