/**
 * Arbitrary JSON bodies, path parameters, query strings and headers against every route the cloud serves,
 * mixed with well-formed requests (./valid-requests.ts). Whatever comes in, the cloud answers (no dropped
 * connection), never with a 5xx other than one the real service answers on purpose (Karbor's unnamed error for
 * an unknown sort key, docs/csbs-api-notes.md A.9), and a refused request leaves the durable state exactly as it
 * was; and every route answers its well-formed request below 400, so the success paths are attacked too.
 */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { request } from "../http";
import { cloudRoutes, fillPattern, isStatefulAdmin, type RouteShape } from "./cloud-routes";
import { changedCollections, startHostileCloud, type HostileCloud } from "./hostile-cloud";
import { validRequest, type Caller, type ValidRequest } from "./valid-requests";
import { GENERIC_500 } from "../../../localcloud/karbor/query/list-index";

/** A 500 Karbor itself answers for this request (a fault body with upstream's text), never the cloud's own crash. */
function upstreamServerError(reply: { status: number; text: string }): boolean {
  if (reply.status !== 500) return false;
  try {
    const message = (JSON.parse(reply.text) as { computeFault?: { message?: string } }).computeFault?.message ?? "";
    return message === GENERIC_500 || message.startsWith("Unexpected API Error. Please report this at http://bugs.launchpad.net/karbor/");
  } catch {
    return false;
  }
}

/** Path pieces as they appear on the wire (already percent-encoded where they are). */
const HOSTILE_SEGMENTS = [
  "..",
  "../..",
  "..%2F..%2Fidentity",
  "%2e%2e",
  "%2F",
  "a%2Fb",
  "%5C..%5C",
  "%00",
  "%C0%AF",
  "%FF%FE",
  "%E2%80%AE",
  "%",
  "%G1",
  "%25",
  "%20",
  "null",
  "-1",
  "0",
  "1e309",
  "x".repeat(256),
  "y".repeat(4000),
];

function segment(hc: HostileCloud): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 4 }, // the real id: reach the handler
    { arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS), weight: 3 },
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 300 }).map(encodeURIComponent), weight: 2 },
    { arbitrary: fc.constant(hc.otherProjectId), weight: 1 },
  );
}

/** Bodies: anything JSON can carry, wrapped the way services expect some of the time, and broken text. */
const WRAPPERS = ["policy", "checkpoint", "restore", "auth", "plan", "trigger", "scheduled_operation", "tags", "resources", "action", "quota", "projects", "rules"];
const jsonish = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.anything({ maxDepth: 3, withBigInt: false }));
const body: fc.Arbitrary<{ json?: unknown; raw?: string }> = fc.oneof(
  jsonish.map((json) => ({ json })),
  fc.tuple(fc.constantFrom(...WRAPPERS), jsonish).map(([k, v]) => ({ json: { [k]: v } })),
  fc
    .tuple(fc.constantFrom(...WRAPPERS), fc.dictionary(fc.constantFrom("name", "id", "resources", "parameters", "scheduled_operations", "provider_id", "plan_id", "action", "tags", "key", "value", "identity", "scope", "password", "trigger", "properties", "pattern", "operation_definition", "max_backups", "enabled"), jsonish))
    .map(([k, v]) => ({ json: { [k]: v } })),
  fc.constantFrom(
    '{"__proto__": {"polluted": true}}',
    '{"policy": {"constructor": {"prototype": {"polluted": true}}}}',
    '{"policy": ',
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "\u0000",
    "null",
    '"just a string"',
    "1e999999",
  ).map((raw) => ({ raw })),
  fc.constant({}),
);

const QUERY_KEYS = ["limit", "marker", "offset", "sort", "name", "status", "all_tenants", "project_id", "policy_id", "resource_id", "start_time", "end_time", "checkpoint_id", "plan_id", "nocatalog", "x"];
const query = fc.oneof(
  fc.constant(""),
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...QUERY_KEYS),
        fc.oneof(fc.constantFrom("-1", "0", "1e309", "NaN", "true", "1", "(", "(a+)+$", "../..", "%FF", "%", "x".repeat(3000)), fc.string({ unit: "binary", maxLength: 40 }).map(encodeURIComponent)),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`),
);

const headerValue = fc.oneof(fc.constantFrom("", "application/json", "text/plain", "application/x-www-form-urlencoded", "*/*", "a".repeat(3000)), fc.string({ unit: "grapheme-ascii", maxLength: 60 }));

describe("every local cloud route under hostile input", function () {
  this.timeout(120_000);
  let hc: HostileCloud;
  let routes: RouteShape[];

  before(async () => {
    hc = await startHostileCloud();
    routes = cloudRoutes(hc.cloud);
  });
  after(async () => {
    await hc?.cloud.close();
  });

  it("serves dozens of routes across every service (the list the properties draw from)", () => {
    const services = new Set(routes.map((r) => r.service));
    for (const s of ["identity", "compute", "volume", "csbs", "admin"]) assert.ok(services.has(s as RouteShape["service"]), `routes of ${s}`);
    assert.ok(routes.length >= 40, `only ${routes.length} routes found`);
  });

  it("answers arbitrary bodies, ids, queries and headers on every route without a 5xx but the upstream ones Karbor answers on purpose, and a refusal changes nothing", async () => {
    const hit = new Map<string, Set<number>>();
    const ids = fc.dictionary(fc.constantFrom("project_id", "policy_id", "plan_id", "provider_id", "checkpoint_id", "item_id", "resource_id", "server_id", "volume_id", "log_id", "key", "trigger_id", "operation_id", "restore_id", "protectable_type", "instance_id", "checkpoint_item_id"), segment(hc));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: routes.length - 1 }),
        fc.constantFrom("own", "own", "own", "GET", "POST", "PUT", "DELETE", "PATCH"),
        ids,
        body,
        query,
        fc.constantFrom("member", "member", "member", "none", "garbage", "other"),
        fc.dictionary(fc.constantFrom("content-type", "accept", "x-openstack-request-id", "openstack-api-version", "x-subject-token", "x-forwarded-for"), headerValue, { maxKeys: 3 }),
        fc.constantFrom("hostile", "hostile", "hostile", "valid"),
        async (index, methodChoice, idValues, b, q, who, headers, mode) => {
          const route = routes[index]!;
          if (mode === "valid") {
            const valid = await validRequest(hc, route);
            const before = hc.snapshot();
            const reply = await sendValid(route, valid);
            const seen = hit.get(`${route.method} ${route.pattern}`) ?? new Set<number>();
            seen.add(reply.status);
            hit.set(`${route.method} ${route.pattern}`, seen);
            assert.ok(reply.status >= 200 && reply.status < 500, `valid ${route.method} ${route.pattern} → ${reply.status} ${reply.text.slice(0, 300)}`);
            if (reply.status >= 400) assert.deepEqual(changedCollections(before, hc.snapshot()), [], `valid ${route.method} ${route.pattern} → ${reply.status} changed the cloud's state`);
            await settle(route, reply.status);
            return;
          }
          const method = methodChoice === "own" ? route.method : methodChoice;
          const values: Record<string, string> = {};
          for (const [k, v] of Object.entries(idValues)) if (v !== undefined) values[k] = v;
          const path = fillPattern(route.pattern, values, (p) => hc.params[p] ?? "00000000-0000-4000-8000-000000000000");
          const token = who === "member" ? hc.token : who === "garbage" ? "gAAAA" + "x".repeat(600) : who === "other" ? await otherToken() : undefined;
          const before = hc.snapshot();
          // The length is always declared: node:http would send a GET body unframed, which is a broken message
          // (the raw-bytes spec covers those), not a hostile request.
          const payload = b.raw ?? (b.json !== undefined ? JSON.stringify(b.json) : undefined);
          const reply = await request(method, `${hc.cloud.url}${path}${q}`, {
            headers: {
              ...(payload !== undefined ? { "content-type": "application/json" } : {}),
              ...headers,
              ...(payload !== undefined ? { "content-length": String(Buffer.byteLength(payload)) } : {}),
            },
            ...(token !== undefined ? { token } : {}),
            ...(payload !== undefined ? { rawBody: payload } : {}),
          });
          const seen = hit.get(`${route.method} ${route.pattern}`) ?? new Set<number>();
          seen.add(reply.status);
          hit.set(`${route.method} ${route.pattern}`, seen);
          const where = `${method} ${path.slice(0, 200)}${q.slice(0, 100)}`;
          assert.ok(reply.status >= 200 && (reply.status < 500 || upstreamServerError(reply)), `${where} → ${reply.status} ${reply.text.slice(0, 300)}`);
          assert.match(String(reply.headers["x-openstack-request-id"]), /^req-/, `${where} has a request id`);
          assert.equal(({} as Record<string, unknown>).polluted, undefined, `${where} polluted Object.prototype`);
          if (reply.status >= 400) assert.deepEqual(changedCollections(before, hc.snapshot()), [], `${where} → ${reply.status} changed the cloud's state`);
          else if (isStatefulAdmin(route)) hc.cloud.faults.clear(); // an accepted fault rule must not fail later requests
          if (reply.status < 400 && method !== "GET" && method !== "HEAD") await hc.repair();
        },
      ),
      { numRuns: 1500, seed: 6009 },
    );
    // Every route was reached at least once (the property above is not just probing 404s).
    const missed = routes.filter((r) => !hit.has(`${r.method} ${r.pattern}`)).map((r) => `${r.method} ${r.pattern}`);
    assert.deepEqual(missed, []);
  });

  it("answers a well-formed request below 400 on every route (each success path is reachable)", async () => {
    const failed: string[] = [];
    for (const route of routes) {
      const reply = await sendValid(route, await validRequest(hc, route));
      if (reply.status >= 400) failed.push(`${route.method} ${route.pattern} → ${reply.status} ${reply.text.slice(0, 200)}`);
      await settle(route, reply.status);
    }
    assert.deepEqual(failed, []);
  });

  function tokenOf(caller: Caller): string | undefined {
    if (caller === "demo") return hc.token;
    if (caller === "karbor") return hc.karbor.token;
    if (caller === "karbor-admin") return hc.karbor.adminToken;
    return undefined;
  }

  async function sendValid(route: RouteShape, valid: ValidRequest) {
    const values = route.service === "karbor" ? { ...(valid.params ?? {}) } : { ...hc.params, ...(valid.params ?? {}) };
    const path = fillPattern(route.pattern, values, (p) => hc.params[p] ?? "00000000-0000-4000-8000-000000000000");
    const token = tokenOf(valid.caller);
    const payload = valid.body === undefined ? undefined : JSON.stringify(valid.body);
    return request(route.method, `${hc.cloud.url}${path}${valid.query ?? ""}`, {
      headers: {
        ...(valid.headers ?? {}),
        ...(payload !== undefined ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) } : {}),
      },
      ...(token !== undefined ? { token } : {}),
      ...(payload !== undefined ? { rawBody: payload } : {}),
    });
  }

  /** After an accepted write: no fault rule stays armed, and the target policy and backup exist again. */
  async function settle(route: RouteShape, status: number): Promise<void> {
    if (status >= 400 || route.method === "GET" || route.method === "HEAD") return;
    if (isStatefulAdmin(route)) hc.cloud.faults.clear();
    await hc.repair();
  }

  let otherTokenValue: string | undefined;
  async function otherToken(): Promise<string> {
    if (otherTokenValue) return otherTokenValue;
    const r = await request("POST", `${hc.cloud.authUrl}/auth/tokens`, {
      body: {
        auth: {
          identity: { methods: ["password"], password: { user: { name: "other", domain: { name: "Default" }, password: "other" } } },
          scope: { project: { name: "other", domain: { name: "Default" } } },
        },
      },
    });
    otherTokenValue = String(r.headers["x-subject-token"]);
    return otherTokenValue;
  }
});
