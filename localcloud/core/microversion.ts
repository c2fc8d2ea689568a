/**
 * Microversion negotiation as Nova and Cinder do it. A request names its version in
 * `OpenStack-API-Version: <service> <major>.<minor>` (or `latest`), or, for Nova only, in the older
 * `X-OpenStack-Nova-API-Version`; no header means the minimum. A version outside [min, max] is 406, a value
 * that is not `<major>.<minor>` is 400. Every reply (errors too) names the version that was served, and `Vary`
 * tells caches that the body depends on those headers.
 */
import { ReplyError, type CloudReply, type CloudRequest, type Route, type ServiceName } from "./contracts";
import { serviceError } from "./errors";

export interface Microversion {
  major: number;
  minor: number;
}

export interface MicroversionApi {
  /** The word of the API in `OpenStack-API-Version` ("compute", "volume"). */
  word: string;
  /** The error dialect of refusals. */
  service: ServiceName;
  min: string;
  max: string;
  /** The API's own older header, read when `OpenStack-API-Version` does not name this API. @default undefined */
  legacyHeader?: string;
}

export function parseVersion(text: string): Microversion | undefined {
  const m = /^(\d{1,4})\.(\d{1,4})$/.exec(text.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

function compare(a: Microversion, b: Microversion): number {
  return a.major - b.major || a.minor - b.minor;
}

/** True when `v` is `since` or newer: a field "new in 2.47" is shown when `atLeast(v, "2.47")`. */
export function atLeast(v: Microversion, since: string): boolean {
  return compare(v, parseVersion(since)!) >= 0;
}

export const format = (v: Microversion): string => `${v.major}.${v.minor}`;

function headerValue(req: CloudRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(",") : v;
}

/** The text of the version the request asks for, or undefined for "none named". */
function requested(req: CloudRequest, api: MicroversionApi): string | undefined {
  const modern = headerValue(req, "openstack-api-version");
  if (modern !== undefined) {
    for (const part of modern.split(",")) {
      const [word, ...rest] = part.trim().split(/\s+/);
      if (word?.toLowerCase() === api.word) return rest.join(" ");
    }
  }
  return api.legacyHeader ? headerValue(req, api.legacyHeader) : undefined;
}

/** The version to serve `req`, or the refusal (400 malformed, 406 outside the supported range). */
export function negotiate(req: CloudRequest, api: MicroversionApi): Microversion | CloudReply {
  const min = parseVersion(api.min)!;
  const max = parseVersion(api.max)!;
  const text = requested(req, api);
  if (text === undefined || text.trim() === "") return min;
  if (text.trim().toLowerCase() === "latest") return max;
  const v = parseVersion(text);
  if (!v) {
    return serviceError(api.service, 400, `API Version String ${text.slice(0, 40)} is of invalid format. Must be of format MajorNum.MinorNum.`);
  }
  if (compare(v, min) < 0 || compare(v, max) > 0) {
    return serviceError(api.service, 406, `Version ${format(v)} is not supported by the API. Minimum is ${api.min} and maximum is ${api.max}.`);
  }
  return v;
}

/** The headers a reply at `v` carries. */
export function versionHeaders(api: MicroversionApi, v: Microversion): Record<string, string> {
  const headers: Record<string, string> = { "OpenStack-API-Version": `${api.word} ${format(v)}` };
  if (api.legacyHeader) headers[api.legacyHeader] = format(v);
  headers.Vary = ["OpenStack-API-Version", ...(api.legacyHeader ? [api.legacyHeader] : [])].join(", ");
  return headers;
}

/** The negotiated version of a request that reached a handler (the wrapper has refused unsupported ones). */
export function versionOf(req: CloudRequest, api: MicroversionApi): Microversion {
  const v = negotiate(req, api);
  return "major" in v ? v : parseVersion(api.min)!;
}

function withHeaders(reply: CloudReply, headers: Record<string, string>): CloudReply {
  return { ...reply, headers: { ...headers, ...(reply.headers ?? {}) } };
}

/** Wraps each route's handler: refuses unsupported versions and puts the served version on every reply. */
export function microversioned(api: MicroversionApi, routes: Route[]): Route[] {
  return routes.map((route) => ({
    ...route,
    handler: async (req) => {
      const v = negotiate(req, api);
      if (!("major" in v)) return v;
      const headers = versionHeaders(api, v);
      try {
        return withHeaders(await route.handler(req), headers);
      } catch (error) {
        if (error instanceof ReplyError) throw new ReplyError(withHeaders(error.reply, headers));
        throw error;
      }
    },
  }));
}
