import assert from "node:assert/strict";
import fc from "fast-check";
import {
  decodeTriggerName,
  encodeTriggerName,
  operationDefinition,
  partsOf,
  recordFromParts,
  retentionFromOperation,
} from "../../../provider/backends/karbor-mapping";
import type { RetentionInput } from "../../../provider/domain/retention";
import type { KarborPlan, KarborScheduledOperation, KarborTrigger } from "../../../provider/wire/karbor";

const PLAN = "3f1c8f6e-1111-4000-8000-000000000000";
const tagKey = fc.stringMatching(/^[A-Za-z0-9_-]{1,36}$/);
const tagValue = fc.stringMatching(/^[A-Za-z0-9_-]{0,43}$/);
const retention: fc.Arbitrary<RetentionInput> = fc.oneof(
  fc.integer({ min: 1, max: 99999 }).map((n) => ({ maxBackups: n })),
  fc.integer({ min: 1, max: 99999 }).map((n) => ({ maxAgeDays: n })),
  fc.constant({ permanent: true as const }),
);

function op(definition: Record<string, unknown>, type = "retention_protect"): KarborScheduledOperation {
  return { id: "op", name: "n", description: null, operation_type: type, trigger_id: "t", enabled: 1, operation_definition: { plan_id: PLAN, provider_id: "p", ...definition } };
}

describe("Karbor mapping", () => {
  it("reads back the plan id, retention and tags it wrote into a trigger name", () => {
    fc.assert(fc.property(retention, fc.dictionary(tagKey, tagValue, { maxKeys: 10 }), (r, tags) => {
      const decoded = decodeTriggerName(encodeTriggerName(PLAN, r, tags));
      assert.equal(decoded?.planId, PLAN);
      assert.deepEqual(decoded?.tags, { ...tags });
      const want = "maxBackups" in r ? [r.maxBackups, -1, false] : "maxAgeDays" in r ? [-1, r.maxAgeDays, false] : [-1, -1, true];
      assert.deepEqual([decoded?.retention?.maxBackups, decoded?.retention?.retentionDurationDays, decoded?.retention?.permanent], want);
    }));
  });

  it("carries the ownership marker in the trigger name, ahead of retention and tags, and reads it back", () => {
    const marker = fc.stringMatching(/^[A-Za-z0-9_-]{1,43}$/);
    fc.assert(fc.property(retention, fc.dictionary(tagKey, tagValue, { maxKeys: 9 }), marker, (r, tags, owner) => {
      const decoded = decodeTriggerName(encodeTriggerName(PLAN, r, tags, owner));
      assert.deepEqual([decoded?.planId, decoded?.owner, decoded?.tags], [PLAN, owner, { ...tags }]);
    }));
    assert.equal(encodeTriggerName(PLAN, { maxBackups: 3 }, { team: "web" }, "m1"), `csbs-policy:${PLAN}|owner=m1|keep=3,-1|tags=team=web`);
    assert.equal(decodeTriggerName(encodeTriggerName(PLAN, { maxBackups: 3 }, {}))?.owner, undefined);
  });

  it("ignores triggers it did not name", () => {
    assert.equal(decodeTriggerName("tr1"), undefined);
    assert.equal(decodeTriggerName("csbs-policy:not-an-id"), undefined);
  });

  it("writes retention as Karbor's max_backups and retention_duration strings, -1 for unlimited", () => {
    assert.deepEqual(operationDefinition(PLAN, { maxAgeDays: 30 }), { plan_id: PLAN, provider_id: "cf56bd3e-97a7-4078-b6d5-f36246333fd9", max_backups: "-1", retention_duration: "30" });
  });

  it("reads retention from strings or numbers, ≤ 0 as unlimited, and a protect operation as permanent", () => {
    assert.deepEqual(retentionFromOperation(op({ max_backups: "7", retention_duration: "-1" })), { maxBackups: 7, retentionDurationDays: -1, permanent: false });
    assert.deepEqual(retentionFromOperation(op({ max_backups: 0, retention_duration: 12 })), { maxBackups: -1, retentionDurationDays: 12, permanent: false });
    assert.deepEqual(retentionFromOperation(op({}, "protect")), { maxBackups: -1, retentionDurationDays: -1, permanent: true });
  });

  it("makes a record from a plan, its named trigger and its operation; no operation reads as disabled with the name's retention", () => {
    const plan: KarborPlan = { id: PLAN, name: "p", description: null, provider_id: "x", status: "suspended", parameters: {},
      resources: [{ id: "s1", type: "OS::Nova::Server", name: "a" }, { id: "v1", type: "OS::Cinder::Volume", name: "v" }] };
    const trigger: KarborTrigger = { id: "t", name: encodeTriggerName(PLAN, { maxBackups: 4 }, { team: "web" }), type: "time", properties: { pattern: "P" } };
    const enabled = recordFromParts(partsOf([plan], [trigger], [op({ max_backups: "9" })])[0], "proj");
    assert.deepEqual([enabled.enabled, enabled.retention.maxBackups, enabled.serverIds, enabled.tags, enabled.pattern, enabled.description],
      [true, 9, ["s1"], { team: "web" }, "P", ""]);
    const disabled = recordFromParts(partsOf([plan], [trigger], [])[0], "proj");
    assert.deepEqual([disabled.enabled, disabled.retention.maxBackups], [false, 4]);
    assert.equal(enabled.owner, undefined);
    const marked = { ...trigger, name: encodeTriggerName(PLAN, { maxBackups: 4 }, { team: "web" }, "m1") };
    const withOwner = recordFromParts(partsOf([plan], [marked], [])[0], "proj");
    assert.deepEqual([withOwner.owner, withOwner.tags], ["m1", { team: "web" }]);
  });
});
