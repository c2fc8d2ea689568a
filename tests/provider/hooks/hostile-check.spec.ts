/**
 * Issue 6 §9 (provider side): the BackupPolicy and PolicyAssociation `check` hooks, called in-process exactly as
 * the engine calls them, against a real local cloud. Whatever the inputs, check resolves (never throws) and
 * every problem comes back as a failure naming a property path with a specific reason; and check only reads
 * the cloud (the request log shows no write and no 5xx).
 */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { check as checkAssociation } from "../../../provider/hooks/association-hooks";
import { check as checkPolicy } from "../../../provider/hooks/policy-hooks";
import { providerRuntime } from "../../../provider/runtime/provider-runtime";
import { childPath } from "../../../provider/domain/failures";
import { UNKNOWN } from "../../../provider/domain/unknown";
import { admin, type TestCloud } from "../../support/cloud";
import { CsbsDirect } from "../../engine/provider/scenario-support";
import { startHooksCloud, stopHooksCloud, type LoggedRequest } from "./support/hooks-cloud";

interface Failure {
  property: string;
  reason: string;
}

const POLICY_KEYS = ["name", "description", "enabled", "schedule", "retention", "tags", "adopt"];
const ASSOCIATION_KEYS = ["policyId", "serverIds", "takeOver"];

/** Ids an attacker or a typo could produce. */
const HOSTILE_IDS = [
  "../../policies",
  "..%2F..%2Fpolicies",
  "%2F",
  "a/b",
  "\u0000",
  "\ud800", // a lone surrogate: not encodable as UTF-8
  "\udfff\ud800",
  "\uffff",
  "x".repeat(100_000),
  " 6e1cb66d-0f7c-4a5f-9b8e-1c5f7a1b2c3d",
  "6E1CB66D-0F7C-4A5F-9B8E-1C5F7A1B2C3D",
  "6e1cb66d-0f7c-4a5f-9b8e-1c5f7a1b2c3d", // well-formed, exists nowhere
  UNKNOWN,
];

const junk = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom(...HOSTILE_IDS),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.array(fc.oneof(fc.constantFrom(...HOSTILE_IDS), fc.uuid(), fc.string()), { maxLength: 70 }),
);

/** The first segment of a failure path (`schedule.times[1]` → `schedule`). */
function root(property: string): string {
  return property.split(/[.[]/)[0] ?? "";
}

/**
 * The path a failure's reason starts with, among the candidates: an input of the resource (`schedule.times[1]`
 * starts with the input `schedule`) or an unexpected key itself (as the domain writes paths).
 */
function leadingPath(reason: string, keys: readonly string[], extraKeys: readonly string[]): string | undefined {
  const m = /^`(.*?)` /.exec(reason);
  if (m && extraKeys.includes(m[1]!)) return m[1];
  const exact = extraKeys.find((k) => reason.startsWith(`\`${k}\` `));
  if (exact !== undefined) return exact;
  return m && keys.includes(root(m[1]!)) ? m[1] : undefined;
}

/**
 * Failures leave `property` empty (the engine would print a nested path's value as `{<nil>}`) and start their
 * reason with the backticked path of an input of the resource, or of the unexpected key itself.
 */
function assertPathed(failures: readonly Failure[], keys: readonly string[], raw: unknown): void {
  assert.ok(failures.length > 0, "a check that returns no inputs returns at least one failure");
  const isObject = typeof raw === "object" && raw !== null && !Array.isArray(raw);
  const extraKeys = isObject ? Object.keys(raw).map((k) => childPath("", k)) : [];
  for (const f of failures) {
    assert.equal(f.property, "", `the path travels in the reason, not in property: ${JSON.stringify(f).slice(0, 200)}`);
    assert.equal(typeof f.reason, "string");
    if (isObject) {
      assert.ok(leadingPath(f.reason, keys, extraKeys) !== undefined, `reason starts with the path of an input or key: ${f.reason.slice(0, 200)}`);
    }
    assert.doesNotMatch(f.reason, /\[object Object\]|undefined|TypeError|Cannot read|is not a function|stack:/, f.reason.slice(0, 300));
    assert.ok(f.reason.length < 1200, `reason stays short (${f.reason.length} chars)`);
  }
}

describe("check hooks under hostile input (in-process, against a local cloud)", function () {
  this.timeout(120_000);
  let cloud: TestCloud;
  let policyId: string;
  let servers: Record<string, string>;

  before(async () => {
    let api: CsbsDirect;
    ({ cloud, api, servers } = await startHooksCloud());
    policyId = (await api.createPolicy("held", [servers["web-050"]!])).id;
    await admin(cloud, "DELETE", "/requests");
  });
  after(() => stopHooksCloud(cloud));

  it("answers arbitrary BackupPolicy inputs with inputs or property-pathed failures, never an exception", async () => {
    const policyish = fc.record(
      {
        name: fc.oneof(fc.constantFrom("daily-web", "held", "a".repeat(256), "../x", "%2F", "caf\u00e9"), junk),
        description: fc.oneof(fc.constantFrom("web tier", "<script>"), junk),
        enabled: fc.oneof(fc.boolean(), junk),
        adopt: fc.oneof(fc.boolean(), junk),
        schedule: fc.oneof(
          fc.record({ times: fc.oneof(fc.constant(["02:00"]), junk), weekdays: fc.oneof(fc.constant(["MO"]), junk), everyNDays: junk, timezone: fc.oneof(fc.constant("Europe/Paris"), junk) }, { requiredKeys: [] }),
          junk,
        ),
        retention: fc.oneof(fc.constantFrom({ maxBackups: 7 }, { permanent: true }), junk),
        tags: fc.oneof(fc.dictionary(fc.string({ unit: "binary", maxLength: 40 }), junk, { maxKeys: 12 }), junk),
        __resourceName: fc.oneof(fc.constantFrom("p", "../p"), fc.string()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: policyish, weight: 5 }, { arbitrary: fc.anything(), weight: 1 }), fc.oneof(fc.constant({}), policyish), async (news, olds) => {
        providerRuntime().deployment.clear();
        const result = await checkPolicy(olds as Record<string, unknown>, news as Record<string, unknown>);
        if (result.inputs) {
          assert.ok((result.failures ?? []).length === 0, "inputs come only without failures");
          assert.equal(typeof result.inputs.name, "string");
          assert.equal(typeof result.inputs.pattern, "string");
        } else {
          assertPathed(result.failures ?? [], POLICY_KEYS, news);
        }
      }),
      { numRuns: 300, seed: 6093 },
    );
  });

  it("answers arbitrary PolicyAssociation inputs with inputs or property-pathed failures, never an exception", async () => {
    const id = fc.oneof(
      fc.constantFrom(...HOSTILE_IDS),
      fc.constantFrom("web-000", "web-001", "web-050", "db-0", "broken-0", "shared-0").map((n) => servers[n]!),
      fc.uuid(),
      junk,
    );
    const associationish = fc.record(
      {
        policyId: fc.oneof(fc.constant(policyId), fc.constant(policyId.toUpperCase()), id),
        serverIds: fc.oneof(fc.array(id, { maxLength: 70 }), junk),
        takeOver: fc.oneof(fc.boolean(), junk),
        __resourceName: fc.oneof(fc.constantFrom("a", "b"), fc.string()),
        __policyRef: fc.oneof(fc.constant(policyId), fc.string()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: associationish, weight: 5 }, { arbitrary: fc.anything(), weight: 1 }), async (news) => {
        providerRuntime().deployment.clear();
        const result = await checkAssociation({}, news as Record<string, unknown>);
        if (result.inputs) {
          assert.ok((result.failures ?? []).length === 0, "inputs come only without failures");
          assert.ok(Array.isArray(result.inputs.serverIds));
        } else {
          assertPathed(result.failures ?? [], ASSOCIATION_KEYS, news);
        }
      }),
      { numRuns: 300, seed: 6094 },
    );
  });

  it("names the reason for each bad server id: not a UUID, no such server, not protectable, shared disk, already held", async () => {
    providerRuntime().deployment.clear();
    const malformed = await checkAssociation({}, { policyId, serverIds: [servers["web-001"], "../../policies", "%2F"], __resourceName: "a" });
    assert.deepEqual((malformed.failures ?? []).map((f) => f.reason.split(" ")[0]), ["`serverIds[1]`", "`serverIds[2]`"]);
    for (const f of malformed.failures ?? []) assert.match(f.reason, /must be a UUID/);
    const cases: Array<[string, RegExp]> = [
      ["6e1cb66d-0f7c-4a5f-9b8e-1c5f7a1b2c3d", /no server with this id exists/],
      [servers["broken-0"]!, /ERROR: only Running \(ACTIVE\) or Stopped \(SHUTOFF\)/],
      [servers["shared-0"]!, /shared \(multi-attach\) disk/],
      [servers["web-050"]!, /already in policy "held"/],
    ];
    const other = await CsbsDirect.login(cloud);
    const target = (await other.createPolicy("target")).id;
    const result = await checkAssociation({}, { policyId: target, serverIds: cases.map(([id]) => id), __resourceName: "a" });
    const failures = result.failures ?? [];
    cases.forEach(([, reason], i) => {
      const f = failures.find((x) => x.reason.startsWith(`\`serverIds[${i}]\` `));
      assert.ok(f, `a failure at serverIds[${i}] in ${JSON.stringify(failures)}`);
      assert.match(f.reason, reason);
    });
  });

  it("only read the cloud: no write request and no 5xx in the request log", async () => {
    const { requests } = await admin<{ requests: LoggedRequest[] }>(cloud, "GET", "/requests");
    const writes = requests.filter((r) => r.method !== "GET" && !(r.method === "POST" && r.path.endsWith("/auth/tokens")));
    // The one write is the test's own policy "target" (created directly, not by check).
    assert.deepEqual(writes.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{32}/, "P")}`), ["POST /csbs/v1/P/policies"]);
    assert.deepEqual(requests.filter((r) => r.status >= 500), []);
    assert.ok(requests.length > 0, "check asked the cloud");
  });
});
