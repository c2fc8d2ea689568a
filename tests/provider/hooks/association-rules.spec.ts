/** Properties of the live association rules (examples are in live-rules.spec.ts): pure functions of their snapshot. */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { associationRuleFailures } from "../../../provider/hooks/association-rules";
import type { ServerFacts } from "../../../provider/hooks/server-facts";
import type { AssociationEntry } from "../../../provider/runtime/deployment-registry";
import { deepFreeze, livePolicy, uuid } from "./rule-support";

const TARGET = uuid(1000);
const OTHER = uuid(2000);

function active(ids: readonly string[]): Map<string, ServerFacts | undefined> {
  return new Map(ids.map((id) => [id, { id, name: `s-${id.slice(-3)}`, status: "ACTIVE", sharedVolumeIds: [] }]));
}

/** A declared list (distinct servers from a pool of 100) and the servers another live policy holds. */
const scenario = fc.record({
  declared: fc.uniqueArray(fc.nat({ max: 99 }), { minLength: 1, maxLength: 64 }).map((ns) => ns.map((n) => uuid(n))),
  heldElsewhere: fc.uniqueArray(fc.nat({ max: 99 }), { maxLength: 40 }).map((ns) => ns.map((n) => uuid(n))),
  inTarget: fc.uniqueArray(fc.nat({ max: 99 }), { maxLength: 70 }).map((ns) => ns.map((n) => uuid(n + 100))),
  takeOver: fc.boolean(),
});

function entryOf(declared: string[], takeOver: boolean): AssociationEntry {
  return { resourceName: "web", policyKey: TARGET, policyId: TARGET, serverIds: declared, oldServerIds: [], takeOver };
}

describe("the live association rules as properties", () => {
  it("fail exactly the declared servers another policy holds, unless takeOver moves them", () => {
    fc.assert(
      fc.property(scenario, ({ declared, heldElsewhere, takeOver }) => {
        const entry = entryOf(declared, takeOver);
        const failures = associationRuleFailures(
          deepFreeze({
            entry,
            declared,
            live: [livePolicy(TARGET, "target"), livePolicy(OTHER, "elsewhere", heldElsewhere)],
            facts: active(declared),
            deployment: { policies: [], associations: [entry] },
          }),
        );
        const expected = takeOver ? [] : declared.flatMap((id, i) => (heldElsewhere.includes(id) ? [`serverIds[${i}]`] : []));
        assert.deepEqual(failures.filter((f) => f.rule === "membership.serverInOtherPolicy").map((f) => f.path), expected);
      }),
      { numRuns: 200 },
    );
  });

  it("fail the policy's capacity exactly when its live servers and the declared ones exceed 64", () => {
    fc.assert(
      fc.property(scenario, ({ declared, inTarget }) => {
        const entry = entryOf(declared, false);
        const failures = associationRuleFailures({
          entry,
          declared,
          live: [livePolicy(TARGET, "target", inTarget)],
          facts: active(declared),
          deployment: { policies: [], associations: [entry] },
        });
        const total = new Set([...inTarget, ...declared]).size;
        assert.equal(failures.some((f) => f.rule === "membership.tooManyServers" && f.path === "serverIds"), total > 64);
      }),
      { numRuns: 200 },
    );
  });

  it("fail a server another association of the deployment claims, on both sides, whatever takeOver says", () => {
    fc.assert(
      fc.property(scenario, fc.nat({ max: 63 }), ({ declared, takeOver }, pick) => {
        const shared = declared[pick % declared.length]!;
        const entry = entryOf(declared, takeOver);
        const other: AssociationEntry = { resourceName: "db", policyKey: OTHER, policyId: OTHER, serverIds: [shared], oldServerIds: [], takeOver };
        const deployment = { policies: [], associations: [entry, other] };
        const mine = associationRuleFailures({ entry, declared, live: [], facts: active(declared), deployment });
        const theirs = associationRuleFailures({ entry: other, declared: [shared], live: [], facts: active([shared]), deployment });
        assert.deepEqual(mine.filter((f) => f.rule === "membership.serverInOtherAssociation").map((f) => f.path), [`serverIds[${declared.indexOf(shared)}]`]);
        assert.deepEqual(theirs.filter((f) => f.rule === "membership.serverInOtherAssociation").map((f) => f.path), ["serverIds[0]"]);
      }),
      { numRuns: 100 },
    );
  });

  it("fail each server that does not exist, is not protectable or has a shared disk, by its own rule", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("missing", "ERROR", "shared", "ACTIVE", "SHUTOFF"), { minLength: 1, maxLength: 10 }), (kinds) => {
        const declared = kinds.map((_, i) => uuid(i));
        const facts = new Map<string, ServerFacts | undefined>(
          kinds.map((kind, i) => [
            uuid(i),
            kind === "missing"
              ? undefined
              : { id: uuid(i), name: `s${i}`, status: kind === "shared" ? "ACTIVE" : kind, sharedVolumeIds: kind === "shared" ? ["v"] : [] },
          ]),
        );
        const entry = entryOf(declared, false);
        const failures = associationRuleFailures({ entry, declared, live: [], facts, deployment: { policies: [], associations: [entry] } });
        const expected = kinds.flatMap((kind, i) =>
          kind === "missing"
            ? [[`serverIds[${i}]`, "server.notFound"]]
            : kind === "ERROR"
              ? [[`serverIds[${i}]`, "server.notProtectable"]]
              : kind === "shared"
                ? [[`serverIds[${i}]`, "server.sharedDisk"]]
                : [],
        );
        assert.deepEqual(failures.map((f) => [f.path, f.rule]), expected);
      }),
    );
  });
});
