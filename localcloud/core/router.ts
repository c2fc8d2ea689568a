/**
 * Matches a request path against `Route[]` patterns with `:param` segments. Segments are percent-decoded one
 * by one, so an encoded slash never changes which route matches, and a parameter that could escape its
 * segment (`/`, `..`, NUL) or is absurdly long is treated as "no such thing" instead of reaching a handler.
 */
import type { Route, ServiceName } from "./contracts";

/** A parameter longer than this cannot be any id the cloud issues: answer 404 without a lookup. */
export const MAX_PARAM_LENGTH = 255;

export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "method-not-allowed"; service: ServiceName; allowed: string[] }
  | { kind: "not-found"; service: ServiceName }
  | { kind: "bad-path"; service: ServiceName; reason: string };

interface CompiledRoute {
  route: Route;
  segments: Array<{ literal: string } | { param: string }>;
}

/** Which service's error dialect an unmatched path gets, by its first segment. */
export function serviceForPath(path: string): ServiceName {
  const first = path.split("/")[1] ?? "";
  switch (first) {
    case "compute":
      return "compute";
    case "volume":
      return "volume";
    case "image":
      return "image";
    case "csbs":
      return "csbs";
    case "karbor":
      return "karbor";
    case "_localcloud":
      return "admin";
    default:
      return "identity";
  }
}

/** Splits a raw path into decoded segments; undefined when a segment is not valid percent-encoded UTF-8. */
export function decodeSegments(rawPath: string): string[] | undefined {
  const parts = rawPath.split("/").slice(1);
  // A trailing slash is tolerated ("/compute/v2.1/" = "/compute/v2.1"), as the real services do.
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  const out: string[] = [];
  for (const part of parts) {
    try {
      out.push(decodeURIComponent(part));
    } catch {
      return undefined;
    }
  }
  return out;
}

function unsafeParam(value: string): boolean {
  return (
    value.length === 0 ||
    value.length > MAX_PARAM_LENGTH ||
    value === "." ||
    value === ".." ||
    value.includes("/") ||
    value.includes("\\") ||
    value.includes("\u0000") ||
    value.includes("\ufffd")
  );
}

export class Router {
  private readonly compiled: CompiledRoute[] = [];

  constructor(routes: Route[] = []) {
    for (const r of routes) this.add(r);
  }

  add(route: Route): void {
    const segments = route.pattern
      .split("/")
      .slice(1)
      .map((s) => (s.startsWith(":") ? { param: s.slice(1) } : { literal: s }));
    this.compiled.push({ route, segments });
  }

  routes(): Route[] {
    return this.compiled.map((c) => c.route);
  }

  match(method: string, rawPath: string): RouteMatch {
    const service = serviceForPath(rawPath);
    const segments = decodeSegments(rawPath);
    if (!segments) return { kind: "bad-path", service, reason: "the path is not valid percent-encoded UTF-8" };
    const allowed: string[] = [];
    for (const c of this.compiled) {
      if (c.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segments.length && ok; i++) {
        const seg = c.segments[i]!;
        const value = segments[i]!;
        if ("literal" in seg) ok = seg.literal === value;
        else if (unsafeParam(value)) ok = false;
        else params[seg.param] = value;
      }
      if (!ok) continue;
      if (c.route.method === method || (method === "HEAD" && c.route.method === "GET")) {
        return { kind: "found", route: c.route, params };
      }
      allowed.push(c.route.method);
    }
    if (allowed.length > 0) return { kind: "method-not-allowed", service, allowed };
    return { kind: "not-found", service };
  }
}
