import * as assert from "node:assert/strict";
import { validatePolicyInputs } from "../../../provider/domain/policy-inputs";
import { associationRuleFailures } from "../../../provider/hooks/association-rules";
import { policyRuleFailures } from "../../../provider/hooks/policy-rules";
import { DeploymentRegistry, type AssociationEntry } from "../../../provider/runtime/deployment-registry";

// Every declaration of these tests is in one project and region.
const PLACE = "https://csbs.example/v1/project";

let registry = new DeploymentRegistry();
import type { ServerFacts } from "../../../provider/hooks/server-facts";
import { livePolicy, uuid } from "./rule-support";

const NOW = new Date("2026-01-15T12:00:00Z");
const live = livePolicy;

function policyInputs(name: string, extra: Record<string, unknown> = {}) {
  const v = validatePolicyInputs({ name, schedule: { times: ["02:00"] }, retention: { maxBackups: 7 }, ...extra }, NOW);
  assert.ok(v.inputs, JSON.stringify(v.failures));
  return v.inputs;
}

function active(ids: string[]): Map<string, ServerFacts | undefined> {
  return new Map(ids.map((id) => [id, { id, name: `s-${id.slice(-3)}`, status: "ACTIVE", sharedVolumeIds: [] }]));
}

function association(entry: Partial<AssociationEntry> & { resourceName: string }): AssociationEntry {
  const full = { serverIds: [], oldServerIds: [], takeOver: false, ...entry };
  registry.registerAssociation(full, PLACE);
  return full;
}

describe("the policy quota across this deployment and the live project", () => {
  beforeEach(() => (registry = new DeploymentRegistry()));

  it("fails the policy that would be number 33, naming this deployment's policies", () => {
    const outside = Array.from({ length: 31 }, (_, i) => live(uuid(i), `outside-${i}`));
    const first = { resourceName: "first", policyName: "first", creates: true };
    registry.registerPolicy(first, PLACE);
    assert.deepEqual(policyRuleFailures({ entry: first, inputs: policyInputs("first"), autoNamed: false, live: outside, quota: 32, deployment: registry.snapshot(PLACE) }), []);
    const second = { resourceName: "second", policyName: "second", creates: true };
    registry.registerPolicy(second, PLACE);
    const failures = policyRuleFailures({ entry: second, inputs: policyInputs("second"), autoNamed: false, live: outside, quota: 32, deployment: registry.snapshot(PLACE) });
    assert.equal(failures.length, 1);
    assert.match(failures[0].message, /31 policies outside this stack; this deployment adds 2/);
    assert.match(failures[0].message, /`first`, `second`/);
  });

  it("counts a live policy of this deployment once", () => {
    const outside = Array.from({ length: 31 }, (_, i) => live(uuid(i), `outside-${i}`));
    const mine = live(uuid(99), "mine");
    registry.registerPolicy({ resourceName: "mine", policyName: "mine", oldPolicyName: "mine", creates: false }, PLACE);
    const entry = { resourceName: "fresh", policyName: "fresh", creates: true };
    registry.registerPolicy(entry, PLACE);
    const failures = policyRuleFailures({ entry, inputs: policyInputs("fresh"), autoNamed: false, live: [...outside, mine], quota: 33, deployment: registry.snapshot(PLACE) });
    assert.deepEqual(failures, []);
  });

  it("fails a new policy whose name another live policy has, suggesting adopt", () => {
    const entry = { resourceName: "p", policyName: "taken", creates: true };
    registry.registerPolicy(entry, PLACE);
    const failures = policyRuleFailures({ entry, inputs: policyInputs("taken"), autoNamed: false, live: [live(uuid(1), "taken")], quota: 32, deployment: registry.snapshot(PLACE) });
    assert.match(failures[0].message, /already used by policy .*adopt: true/);
  });

  it("lets adopt take over a live policy that matches, and explains the difference when it does not", () => {
    const entry = { resourceName: "p", policyName: "taken", creates: true };
    registry.registerPolicy(entry, PLACE);
    const same = live(uuid(1), "taken");
    same.pattern = policyInputs("taken").pattern;
    assert.deepEqual(policyRuleFailures({ entry, inputs: policyInputs("taken", { adopt: true }), autoNamed: false, live: [same], quota: 32, deployment: registry.snapshot(PLACE) }), []);
    const differs = { ...same, enabled: false };
    const failures = policyRuleFailures({ entry, inputs: policyInputs("taken", { adopt: true }), autoNamed: false, live: [differs], quota: 32, deployment: registry.snapshot(PLACE) });
    assert.match(failures[0].message, /enabled is false in the cloud but true here/);
  });
});

describe("the association rules across this deployment and the live project", () => {
  beforeEach(() => (registry = new DeploymentRegistry()));
  const servers = Array.from({ length: 70 }, (_, i) => uuid(1000 + i));

  it("fails 65 servers over two associations of one policy, naming both", () => {
    association({ resourceName: "fleet-a", policyKey: "urn:p", serverIds: servers.slice(0, 33) });
    const b = association({ resourceName: "fleet-b", policyKey: "urn:p", serverIds: servers.slice(33, 65) });
    const failures = associationRuleFailures({ entry: b, declared: b.serverIds, live: [], facts: active(b.serverIds), deployment: registry.snapshot(PLACE) });
    assert.equal(failures.length, 1);
    assert.match(failures[0].message, /would hold 65 servers/);
    assert.match(failures[0].message, /"fleet-a" lists 33, association "fleet-b" lists 32/);
  });

  it("counts live servers outside the stack towards the 64", () => {
    const entry = association({ resourceName: "a", policyKey: uuid(5), policyId: uuid(5), serverIds: servers.slice(0, 60) });
    const policy = live(uuid(5), "p", servers.slice(60, 65));
    const failures = associationRuleFailures({ entry, declared: entry.serverIds, live: [policy], facts: active(entry.serverIds), deployment: registry.snapshot(PLACE) });
    assert.match(failures[0].message, /5 already associated outside this deployment/);
  });

  it("fails a server held by another live policy unless takeOver", () => {
    const holder = live(uuid(7), "elsewhere", [servers[0]]);
    const entry = association({ resourceName: "a", policyKey: uuid(5), policyId: uuid(5), serverIds: [servers[0]] });
    const failures = associationRuleFailures({ entry, declared: entry.serverIds, live: [holder], facts: active(entry.serverIds), deployment: registry.snapshot(PLACE) });
    assert.equal(failures[0].path, "serverIds[0]");
    assert.match(failures[0].message, /already in policy "elsewhere"/);
    const taking = association({ ...entry, takeOver: true });
    assert.deepEqual(associationRuleFailures({ entry: taking, declared: taking.serverIds, live: [holder], facts: active(taking.serverIds), deployment: registry.snapshot(PLACE) }), []);
  });

  it("allows a server moving between two associations of this deployment", () => {
    const holder = live(uuid(7), "old", [servers[0]]);
    association({ resourceName: "old-assoc", policyKey: uuid(7), policyId: uuid(7), serverIds: [servers[1]], oldPolicyId: uuid(7), oldServerIds: [servers[0], servers[1]] });
    const entry = association({ resourceName: "new-assoc", policyKey: uuid(5), policyId: uuid(5), serverIds: [servers[0]] });
    assert.deepEqual(associationRuleFailures({ entry, declared: entry.serverIds, live: [holder], facts: active(entry.serverIds), deployment: registry.snapshot(PLACE) }), []);
  });

  it("fails a server that two associations of this deployment both list", () => {
    association({ resourceName: "one", policyKey: uuid(5), policyId: uuid(5), serverIds: [servers[0]] });
    const entry = association({ resourceName: "two", policyKey: uuid(6), policyId: uuid(6), serverIds: [servers[0]] });
    const failures = associationRuleFailures({ entry, declared: entry.serverIds, live: [], facts: active(entry.serverIds), deployment: registry.snapshot(PLACE) });
    assert.match(failures[0].message, /association "one"/);
  });

  it("fails missing, broken and shared-disk servers with their paths", () => {
    const ids = servers.slice(0, 3);
    const entry = association({ resourceName: "a", policyKey: uuid(5), serverIds: ids });
    const facts = new Map<string, ServerFacts | undefined>([
      [ids[0], undefined],
      [ids[1], { id: ids[1], name: "broken-0", status: "ERROR", sharedVolumeIds: [] }],
      [ids[2], { id: ids[2], name: "shared-0", status: "ACTIVE", sharedVolumeIds: ["vol-1"] }],
    ]);
    const failures = associationRuleFailures({ entry, declared: ids, live: [], facts, deployment: registry.snapshot(PLACE) });
    assert.deepEqual(failures.map((f) => f.path), ["serverIds[0]", "serverIds[1]", "serverIds[2]"]);
    assert.match(failures[0].message, /no server with this id/);
    assert.match(failures[1].message, /ERROR: only Running \(ACTIVE\) or Stopped \(SHUTOFF\)/);
    assert.match(failures[2].message, /shared \(multi-attach\) disk vol-1/);
  });

  it("skips servers whose ids are not known yet", () => {
    const entry = association({ resourceName: "a", policyKey: "urn:p", serverIds: [] });
    const declared = ["04da6b54-80e4-46f7-96ec-b56ff0331ba9"];
    assert.deepEqual(associationRuleFailures({ entry, declared, live: [], facts: new Map(), deployment: registry.snapshot(PLACE) }), []);
  });
});
