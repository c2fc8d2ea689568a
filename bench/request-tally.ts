/**
 * Counts what reached the local cloud during one engine operation, from its request log
 * (`GET /_localcloud/requests`), classified by service and by what the request does.
 */

/** One entry of the local cloud's request log. */
export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  project?: string;
  /** The region whose endpoint answered (Keystone's requests carry the first region). */
  region?: string;
  service: string;
  time: string;
}

/** The counts of one operation. */
export interface RequestTally {
  /** Every request except the admin API's. */
  total: number;
  /** Keystone token requests (POST …/auth/tokens). */
  auths: number;
  /** Requests that change something in a service (not GET/HEAD, not a token request). */
  writes: number;
  /** Per service (identity, csbs, compute, volume, …). */
  byService: Record<string, number>;
  /** Per "METHOD path-shape", ids replaced by `{id}`, e.g. "PUT /csbs/v1/{project}/policies/{id}". */
  byShape: Record<string, number>;
  /** Listing requests (collection GETs, every page counted), per path shape. */
  listings: Record<string, number>;
  /** Responses with status ≥ 400. */
  errors: number;
  /** Requests made with a project's token, per "<region> <project id>" (the token requests themselves carry no project). */
  byPlace: Record<string, number>;
}

const UUIDISH = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$|^[0-9a-f]{32}$/i;

/** The path with project ids and resource ids replaced, so requests of one kind share a shape. */
export function pathShape(path: string): string {
  const parts = path.split("/").map((seg, i, all) => {
    if (!UUIDISH.test(seg)) return seg;
    const prev = all[i - 1];
    return prev === "v1" || prev === "v3" && all[i - 2] === "volume" ? "{project}" : "{id}";
  });
  return parts.join("/");
}

/** Collection reads: a GET whose path ends in a collection name rather than an id. */
function isListing(method: string, shape: string): boolean {
  return method === "GET" && /\/(policies|servers|servers\/detail|volumes|volumes\/detail|checkpoint_items|quotas)$/.test(shape);
}

/** The key of {@link RequestTally.byPlace}. */
export function placeKey(region: string, projectId: string): string {
  return `${region} ${projectId}`;
}

export function tally(entries: readonly LoggedRequest[]): RequestTally {
  const t: RequestTally = { total: 0, auths: 0, writes: 0, byService: {}, byShape: {}, listings: {}, errors: 0, byPlace: {} };
  for (const e of entries) {
    if (e.service === "admin") continue;
    t.total++;
    const shape = pathShape(e.path);
    const key = `${e.method} ${shape}`;
    t.byService[e.service] = (t.byService[e.service] ?? 0) + 1;
    t.byShape[key] = (t.byShape[key] ?? 0) + 1;
    if (e.status >= 400) t.errors++;
    if (e.project !== undefined) {
      const place = placeKey(e.region ?? "", e.project);
      t.byPlace[place] = (t.byPlace[place] ?? 0) + 1;
    }
    const isAuth = e.service === "identity" && e.method === "POST" && /\/auth\/tokens$/.test(e.path);
    if (isAuth) t.auths++;
    else if (e.method !== "GET" && e.method !== "HEAD") t.writes++;
    if (isListing(e.method, shape)) t.listings[key] = (t.listings[key] ?? 0) + 1;
  }
  return t;
}

/** Requests of one shape pattern, e.g. count(t, /^POST .*\/policies$/). */
export function count(t: RequestTally, pattern: RegExp): number {
  return Object.entries(t.byShape).reduce((sum, [k, n]) => (pattern.test(k) ? sum + n : sum), 0);
}

/** The local cloud's request log, over its admin API. */
export class RequestLogClient {
  constructor(private readonly baseUrl: string) {}

  async clear(): Promise<void> {
    const res = await fetch(`${this.baseUrl}/_localcloud/requests`, { method: "DELETE", headers: { "x-localcloud-admin": "1" } });
    if (!res.ok) throw new Error(`clearing the local cloud's request log failed: ${res.status} ${await res.text()}`);
  }

  async entries(): Promise<LoggedRequest[]> {
    const res = await fetch(`${this.baseUrl}/_localcloud/requests`);
    if (!res.ok) throw new Error(`reading the local cloud's request log failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { requests: LoggedRequest[] }).requests;
  }
}
