/**
 * The seams inside the local cloud: how a service plugs its routes into the one HTTP server, and the
 * state, clock and identity it is given. Core (server, identity, compute, volume, admin) and the
 * data-protection services (CSBS, Karbor, scheduler) are built against these types only.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Collection } from "./collection";

export type ServiceName = "identity" | "compute" | "volume" | "image" | "csbs" | "karbor" | "admin";

/** Who is calling, as validated from `X-Auth-Token` (built-in Keystone or a real one). */
export interface AuthContext {
  userId: string;
  userName: string;
  projectId: string;
  projectName: string;
  /** Role names, implied roles included (member implies reader; admin implies member and reader). */
  roles: string[];
  isAdmin: boolean;
}

export interface CloudRequest {
  method: string;
  /** The path without the query string, percent-decoded per segment by the router. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when there is none. Malformed JSON never reaches a handler. */
  body: unknown;
  requestId: string;
  /** Present on routes with auth "token". */
  auth?: AuthContext;
}

export interface CloudReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: CloudRequest) => Promise<CloudReply> | CloudReply;

export interface Route {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
  /** Pattern with `:name` segments, e.g. "/csbs/v1/:project_id/policies/:policy_id". */
  pattern: string;
  /**
   * Picks the error dialect and the request-log label. Routes with service "admin" (put them under
   * `/_localcloud/<module>/...`) are gated like the core's admin API (loopback or the admin secret), never
   * get injected faults, need no token, and stay out of the request log.
   */
  service: ServiceName;
  /** "token": the core validates X-Auth-Token first (401 in the service's own error format when absent or bad). */
  auth: "none" | "token";
  handler: Handler;
}

/** Thrown by handlers; the core turns it into the reply as given (status, body, headers). */
export class ReplyError extends Error {
  constructor(public readonly reply: CloudReply) {
    super(`reply ${reply.status}`);
  }
}

export interface Entity {
  id: string;
}

/**
 * Durable state. In persistent mode every `put`/`delete` is journaled and fsync'ed before it returns, so an
 * acknowledged write survives kill -9. Values are plain JSON (deep-copied in and out).
 */
export interface Store {
  get<T extends Entity>(collection: Collection<T>, id: string): T | undefined;
  list<T extends Entity>(collection: Collection<T>): T[];
  put<T extends Entity>(collection: Collection<T>, value: NoInfer<T>): void;
  delete<T extends Entity>(collection: Collection<T>, id: string): void;
}

/** The cloud's clock: real time by default; tests set and advance it through the admin API. */
export interface Clock {
  now(): Date;
  /** Set the clock; due schedules between the old and new time run in order (never backwards). */
  set(to: Date): Promise<void>;
  advance(seconds: number): Promise<void>;
  /**
   * Called for every step forward with (from, to]; the scheduler runs everything due in between, in order.
   * Steps come from set/advance and from a 1 s ticker while real time passes; they never overlap, and while
   * listeners run `now()` already reads `to`. A step backwards reports nothing; the next step starts there.
   */
  onAdvance(listener: (from: Date, to: Date) => Promise<void>): void;
}

/** Read-only view of Nova/Cinder fixtures that the data-protection services need. */
export interface ComputeView {
  getServer(projectId: string, serverId: string): ServerFixture | undefined;
  listServers(projectId: string): ServerFixture[];
  getVolume(projectId: string, volumeId: string): VolumeFixture | undefined;
}

export type ServerStatus = "ACTIVE" | "SHUTOFF" | "ERROR" | "RESIZE" | "VERIFY_RESIZE";

export interface ServerFixture extends Entity {
  projectId: string;
  name: string;
  status: ServerStatus;
  volumeIds: string[];
  availabilityZone: string;
  createdAt: string;
  /** Nova server tags (microversion 2.26). Absent = none. */
  tags?: string[];
  /** Nova server metadata. Absent = none. */
  metadata?: Record<string, string>;
}

export interface VolumeFixture extends Entity {
  projectId: string;
  name: string;
  sizeGb: number;
  bootable: boolean;
  multiattach: boolean;
  serverId?: string;
}

export interface ProjectFixture extends Entity {
  name: string;
  domainId: string;
  /** Which API this project's data-protect catalog endpoint speaks. */
  api: "csbs" | "karbor";
  /** The API in regions where it is not `api`, by region name. @default none */
  regionApis?: Record<string, "csbs" | "karbor">;
}

/** The data-protect API a project's catalog names in `region`. */
export function projectApiIn(project: ProjectFixture, region: string): "csbs" | "karbor" {
  return project.regionApis?.[region] ?? project.api;
}

/** Everything a service module gets when it is mounted. */
export interface CloudContext {
  store: Store;
  clock: Clock;
  compute: ComputeView;
  projects(): ProjectFixture[];
  /** Base URL of the server, e.g. "http://127.0.0.1:8799" (https in TLS mode). */
  baseUrl(): string;
  log(line: string): void;
}

/** A service module: its routes, and optionally a scheduler hook. */
export interface ServiceModule {
  routes(ctx: CloudContext): Route[];
}
