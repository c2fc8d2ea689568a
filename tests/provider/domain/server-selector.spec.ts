import assert from "node:assert/strict";
import fc from "fast-check";
import { validateAssociationInputs } from "../../../provider/domain/association-inputs";
import { describeSelector, matchesSelector, resolveSelector, type SelectableServer, type ServerSelector, validateSelector } from "../../../provider/domain/server-selector";
import { UNKNOWN } from "../../../provider/domain/unknown";
import { onlyFailureOn } from "./helpers";

const TAGS = ["web", "prod", "db", "eu"];
const KEYS = ["tier", "team"];
const VALUES = ["frontend", "backend"];

const arbServer = fc.record({
  id: fc.uuid(),
  name: fc.constantFrom("a", "b", "c"),
  tags: fc.uniqueArray(fc.constantFrom(...TAGS)),
  metadata: fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES)),
});
const arbServers = fc.uniqueArray(arbServer, { selector: (s) => s.id, maxLength: 30 });
const arbSelector: fc.Arbitrary<ServerSelector> = fc.record({
  tags: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 3 }),
  metadata: fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 2 }),
});
const server = (id: string, tags: string[], metadata: Record<string, string> = {}): SelectableServer => ({ id, name: id, tags, metadata });

describe("server selector resolution", () => {
  it("needs every tag and every key=value: AND, not OR", () => {
    const servers = [server("1", ["web", "prod"], { tier: "frontend" }), server("2", ["web"], { tier: "frontend" }), server("3", ["web", "prod"], { tier: "backend" })];
    assert.deepEqual(resolveSelector(servers, { tags: ["web", "prod"], metadata: { tier: "frontend" } }).map((s) => s.id), ["1"]);
    assert.deepEqual(resolveSelector(servers, { tags: ["web"] }).map((s) => s.id), ["1", "2", "3"]);
  });

  it("compares metadata values exactly and does not take inherited keys for metadata", () => {
    assert.equal(matchesSelector(server("1", [], { tier: "Frontend" }), { metadata: { tier: "frontend" } }), false);
    assert.equal(matchesSelector(server("1", [], {}), { metadata: { toString: Object.prototype.toString as unknown as string } }), false);
  });

  it("describes a selector the way messages name it", () => {
    assert.equal(describeSelector({ tags: ["web", "prod"], metadata: { tier: "frontend" } }), "tags web, prod and metadata tier=frontend");
  });

  it("returns exactly the matching servers, sorted by id, each once", () => {
    fc.assert(fc.property(arbServers, arbSelector, (servers, selector) => {
      const ids = resolveSelector(servers, selector).map((s) => s.id);
      assert.deepEqual(ids, [...ids].sort());
      assert.equal(new Set(ids).size, ids.length);
      for (const s of servers) assert.equal(ids.includes(s.id), matchesSelector(s, selector));
    }));
  });

  it("does not depend on the order the servers are listed in", () => {
    fc.assert(fc.property(arbServers, arbSelector, fc.integer(), (servers, selector, seed) => {
      const shuffled = [...servers].sort((a, b) => ((a.id.charCodeAt(seed & 7) ^ seed) - (b.id.charCodeAt(seed & 7) ^ seed)));
      assert.deepEqual(resolveSelector(shuffled, selector), resolveSelector(servers, selector));
    }));
  });

  it("only narrows when a tag or a key=value is added", () => {
    fc.assert(fc.property(arbServers, arbSelector, fc.constantFrom(...TAGS), fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), (servers, selector, tag, key, value) => {
      const wide = new Set(resolveSelector(servers, selector).map((s) => s.id));
      const narrower: ServerSelector[] = [
        { ...selector, tags: [...new Set([...(selector.tags ?? []), tag])] },
        // A key already in the selector would be a different pair, not an added one.
        ...(key in (selector.metadata ?? {}) ? [] : [{ ...selector, metadata: { ...selector.metadata, [key]: value } }]),
      ];
      for (const n of narrower) for (const s of resolveSelector(servers, n)) assert.ok(wide.has(s.id));
    }));
  });

  describe("as an input", () => {
    const POLICY = "3b2c0d8e-1f4a-4c1e-9d2b-6a7f8e9d0c1b";
    const SERVER = "5f0c9a1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b";

    it("normalizes tags (sorted, each once) and keeps metadata", () => {
      assert.deepEqual(validateSelector({ tags: ["web", "prod", "web"], metadata: { tier: "frontend" } }).value, { tags: ["prod", "web"], metadata: { tier: "frontend" } });
    });

    it("refuses a selector that names nothing, a tag Nova would refuse, a non-text value and an unknown setting", () => {
      assert.match(onlyFailureOn(validateSelector({}).failures, "serverSelector"), /chooses no tag or metadata, which would match every server/);
      assert.match(onlyFailureOn(validateSelector({ tags: ["a,b"] }).failures, "serverSelector.tags[0]"), /is "a,b": a Nova server tag is 1 to 60 characters without/);
      assert.match(onlyFailureOn(validateSelector({ metadata: { tier: 3 } }).failures, "serverSelector.metadata.tier"), /is 3: a metadata value must be text/);
      assert.match(onlyFailureOn(validateSelector({ tags: ["web"], names: ["x"] }).failures, "serverSelector.names"), /is not a selector setting/);
    });

    it("names each selector and list-or-selector problem by a stable rule id", () => {
      assert.deepEqual(validateSelector({}).failures.map((f) => f.rule), ["selector.empty"]);
      assert.deepEqual(validateSelector({ tags: ["a/b"], metadata: { k: 1 } }).failures.map((f) => f.rule), ["selector.tag", "selector.metadataValue"]);
      assert.deepEqual(validateSelector({ tags: ["web"], tag: ["x"] }).failures.map((f) => f.rule), ["selector.unknownSetting"]);
      const rules = (raw: Record<string, unknown>) => validateAssociationInputs({ policyId: POLICY, ...raw }).failures.map((f) => [f.path, f.rule]);
      assert.deepEqual(rules({ serverIds: [SERVER], serverSelector: { tags: ["web"] } }), [["serverSelector", "association.idsAndSelector"]]);
      assert.deepEqual(rules({}), [["serverIds", "association.serversMissing"]]);
      assert.deepEqual(rules({ serverIds: [SERVER], allowEmpty: true }), [["allowEmpty", "association.allowEmptyWithoutSelector"]]);
    });

    it("keeps preview unknowns", () => {
      assert.deepEqual(validateSelector({ tags: [UNKNOWN] }).unknowns, ["serverSelector.tags[0]"]);
      assert.deepEqual(validateSelector(UNKNOWN).unknowns, ["serverSelector"]);
    });

    it("takes exactly one of serverIds and serverSelector, and allowEmpty only with a selector", () => {
      assert.match(onlyFailureOn(validateAssociationInputs({ policyId: POLICY, serverIds: [SERVER], serverSelector: { tags: ["web"] } }).failures, "serverSelector"),
        /set together with serverIds: .* keep one of serverIds and serverSelector/);
      assert.match(onlyFailureOn(validateAssociationInputs({ policyId: POLICY }).failures, "serverIds"), /is missing: give the servers to protect/);
      assert.match(onlyFailureOn(validateAssociationInputs({ policyId: POLICY, serverIds: [SERVER], allowEmpty: true }).failures, "allowEmpty"), /only a selector can match no server/);
      const ok = validateAssociationInputs({ policyId: POLICY, serverSelector: { tags: ["web"] }, allowEmpty: true });
      assert.deepEqual(ok.inputs, { policyId: POLICY, serverIds: [], serverSelector: { tags: ["web"], metadata: {} }, allowEmpty: true, takeOver: false });
    });
  });
});
