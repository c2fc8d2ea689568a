import * as assert from "node:assert/strict";
import { OWNER_TAG_KEY } from "../../../provider/backends/ownership-marker";
import type { PolicyRecord } from "../../../provider/backends/policy-backend";
import { validatePolicyInputs } from "../../../provider/domain/policy-inputs";
import { claimOf, ownerTagFailures, USER_TAGS_MAX } from "../../../provider/hooks/policy-ownership";
import { diff } from "../../../provider/hooks/policy-hooks";
import { createBody, recordFromWire } from "../../../provider/backends/csbs-wire-mapping";
import { outputsFromRecord, specFromInputs } from "../../../provider/hooks/policy-state";
import { policyRuleFailures } from "../../../provider/hooks/policy-rules";
import { DeploymentRegistry } from "../../../provider/runtime/deployment-registry";

// Every declaration of these tests is in one project and region.
const PLACE = "https://csbs.example/v1/project";

let registry = new DeploymentRegistry();

const NOW = new Date("2026-01-15T12:00:00Z");
const MINE = "0123456789abcdef0123456789abcdef";
const THEIRS = "fedcba9876543210fedcba9876543210";

function inputs(extra: Record<string, unknown> = {}) {
  const v = validatePolicyInputs({ name: "daily-web", schedule: { times: ["02:00"] }, retention: { maxBackups: 7 }, ...extra }, NOW);
  assert.ok(v.inputs, JSON.stringify(v.failures));
  return v.inputs;
}

/** A live policy named daily-web that matches `inputs()` unless changed. */
function live(extra: Partial<PolicyRecord> = {}): PolicyRecord {
  return {
    id: "00000000-0000-4000-8000-000000000001", name: "daily-web", description: "", enabled: true, pattern: inputs().pattern,
    retention: { maxBackups: 7, retentionDurationDays: -1, permanent: false }, serverIds: [], tags: {}, status: "suspended",
    createdAt: "", projectId: "p", ...extra,
  };
}

const tenTags = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, "v"]));

describe("the ownership marker's claim on a live policy of the declared name", () => {
  it("recovers a policy carrying this resource's marker, even when it differs from the declaration", () => {
    assert.deepEqual(claimOf(live({ owner: MINE, enabled: false }), { owner: MINE, adopt: false, autoNamed: false }), { kind: "recover" });
  });

  it("refuses a policy carrying another resource's marker, naming adopt as the deliberate way", () => {
    const claim = claimOf(live({ owner: THEIRS }), { owner: MINE, adopt: false, autoNamed: false });
    assert.equal(claim.kind, "refuse");
    assert.match(claim.kind === "refuse" ? claim.reason : "", /another Pulumi resource or stack created .*set `adopt: true`/);
  });

  it("refuses a foreign marker under an auto-generated name too", () => {
    assert.equal(claimOf(live({ owner: THEIRS }), { owner: MINE, adopt: false, autoNamed: true }).kind, "refuse");
  });

  it("refuses an unmarked policy under an explicit name without adopt", () => {
    assert.equal(claimOf(live(), { owner: MINE, adopt: false, autoNamed: false }).kind, "refuse");
  });

  it("lets adopt take over an unmarked or foreign-marked policy, and auto-naming an unmarked one", () => {
    assert.equal(claimOf(live(), { owner: MINE, adopt: true, autoNamed: false }).kind, "adopt");
    assert.equal(claimOf(live({ owner: THEIRS }), { owner: MINE, adopt: true, autoNamed: false }).kind, "adopt");
    assert.equal(claimOf(live(), { owner: MINE, adopt: false, autoNamed: true }).kind, "adopt");
  });
});

describe("the live name rule with ownership markers", () => {
  beforeEach(() => (registry = new DeploymentRegistry()));
  const entry = { resourceName: "daily", policyName: "daily-web", creates: true };

  it("passes the preview after a crash: the live policy of an explicit name carries this resource's marker", () => {
    registry.registerPolicy(entry, PLACE);
    const left = live({ owner: MINE, description: "half-written" });
    assert.deepEqual(policyRuleFailures({ entry, inputs: inputs(), autoNamed: false, owner: MINE, live: [left], quota: 32, deployment: registry.snapshot(PLACE) }), []);
  });

  it("fails on a live policy of that name carrying a foreign marker", () => {
    registry.registerPolicy(entry, PLACE);
    const failures = policyRuleFailures({ entry, inputs: inputs(), autoNamed: false, owner: MINE, live: [live({ owner: THEIRS })], quota: 32, deployment: registry.snapshot(PLACE) });
    assert.equal(failures.length, 1);
    assert.equal(failures[0].path, "name");
    assert.match(failures[0].message, /^`name` is "daily-web", already used by policy .* ownership marker is not this resource's/);
  });
});

describe("the tag slot and key the ownership marker takes", () => {
  it(`fails 10 user tags, saying at most ${USER_TAGS_MAX} and why`, () => {
    const failures = ownerTagFailures(tenTags);
    assert.deepEqual(failures.map((f) => f.path), ["tags"]);
    assert.match(failures[0].message, /has 10 tags: a policy takes at most 9 here, .*pulumi-csbs-owner.*; remove 1$/);
  });

  it("accepts 9 user tags, absent tags and tags not known yet", () => {
    assert.deepEqual(ownerTagFailures(Object.fromEntries(Object.entries(tenTags).slice(0, 9))), []);
    assert.deepEqual(ownerTagFailures(undefined), []);
    assert.deepEqual(ownerTagFailures("04da6b54-80e4-46f7-96ec-b56ff0331ba9"), []);
  });

  it("refuses the marker's key as a user tag", () => {
    const failures = ownerTagFailures({ [OWNER_TAG_KEY]: MINE });
    assert.deepEqual(failures.map((f) => f.path), [`tags["${OWNER_TAG_KEY}"]`]);
    assert.match(failures[0].message, /reserved key "pulumi-csbs-owner".*rename the tag/);
  });
});

describe("BackupPolicy diff with an ownership marker in the cloud", () => {
  it("shows no change when the only tag the cloud adds is the marker", async () => {
    const declared = { __resourceName: "daily", __owner: MINE, ...inputs({ tags: { team: "web" } }) };
    const wire = createBody({ ...specFromInputs(declared), owner: MINE }).policy;
    assert.deepEqual(wire.tags, [{ key: OWNER_TAG_KEY, value: MINE }, { key: "team", value: "web" }], "the marker is written with the user's tags");
    const record = recordFromWire({ ...wire, id: "i", created_at: "", project_id: "p", status: "suspended" });
    assert.equal(record.owner, MINE);
    // What refresh reports: the backend split the marker off the tags.
    const refreshed = outputsFromRecord(record, declared, NOW);
    assert.deepEqual(refreshed.tags, { team: "web" });
    assert.deepEqual(await diff("id", { ...refreshed }, declared), { changes: false, replaces: [], deleteBeforeReplace: false });
  });
});
