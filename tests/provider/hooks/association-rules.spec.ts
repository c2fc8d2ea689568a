/** Properties of the live association rules (examples are in live-rules.spec.ts): pure functions of their snapshot. */
import * as assert from "node:assert/strict";
import fc from "fast-check";
import { associationRuleFailures, serversToVerify } from "../../../provider/hooks/association-rules";
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

  it("judge by server state exactly the servers an association adds: all of them for a new or other policy, none it already holds there", () => {
    fc.assert(
      fc.property(scenario, fc.uniqueArray(fc.nat({ max: 99 }), { maxLength: 64 }), fc.constantFrom("same", "other", "new", "unknown"), ({ declared }, oldNs, before) => {
        const oldServerIds = oldNs.map((n) => uuid(n));
        const entry = {
          serverIds: declared,
          policyId: before === "unknown" ? undefined : TARGET,
          oldPolicyId: before === "same" ? TARGET : before === "other" ? OTHER : undefined,
          oldServerIds: before === "new" ? [] : oldServerIds,
        };
        const expected = before === "same" ? declared.filter((s) => !oldServerIds.includes(s)) : declared;
        assert.deepEqual(serversToVerify(deepFreeze(entry)), expected);
      }),
      { numRuns: 200 },
    );
  });

  it("do not fail a held server whose facts were not asked for, and fail the same server when its facts say it is broken", () => {
    const [held, added] = [uuid(1), uuid(2)];
    const entry = { ...entryOf([held, added], false), oldPolicyId: TARGET, oldServerIds: [held] };
    const broken = (id: string): ServerFacts => ({ id, name: "b", status: "ERROR", sharedVolumeIds: [] });
    const run = (facts: Map<string, ServerFacts | undefined>) =>
      associationRuleFailures({ entry, declared: [held, added], live: [livePolicy(TARGET, "target", [held])], facts, deployment: { policies: [], associations: [entry] } }).map((f) => `${f.path} ${f.rule}`);
    assert.deepEqual(run(new Map([[added, broken(added)]])), ["serverIds[1] server.notProtectable"]);
    assert.deepEqual(run(new Map([[held, broken(held)], [added, broken(added)]])), ["serverIds[0] server.notProtectable", "serverIds[1] server.notProtectable"]);
  });
});
