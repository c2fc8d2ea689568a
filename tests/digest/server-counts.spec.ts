import * as assert from "node:assert/strict";
import type { PreviewRecord, PreviewStep } from "../../digest/preview-record";
import { serverCountsPerPolicy } from "../../digest/server-counts";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const POLICY = "pulumi-nodejs:dynamic/csbs:BackupPolicy";
const ASSOCIATION = "pulumi-nodejs:dynamic/csbs:PolicyAssociation";
const urn = (type: string, name: string) => `urn:pulumi:prod::p::${type}::${name}`;

function step(type: string, name: string, op: string, inputs: Record<string, unknown> = {}, policyIdFrom: string[] = []): PreviewStep {
  return { op, urn: urn(type, name), type, name, inputs, oldInputs: {}, diffs: [], propertyDependencies: { policyId: policyIdFrom } };
}
const record = (steps: PreviewStep[]): PreviewRecord => ({ steps, violations: [], changes: {}, errors: [] });

describe("servers per policy in a preview", () => {
  it("counts distinct known servers per policy over its associations, found by __policyRef or by dependency", () => {
    const daily = urn(POLICY, "daily");
    const rows = serverCountsPerPolicy(
      record([
        step(POLICY, "daily", "create"),
        step(POLICY, "weekly", "same"),
        step(ASSOCIATION, "a", "create", { __policyRef: daily, policyId: UNKNOWN, serverIds: ["s1", "s2"] }),
        step(ASSOCIATION, "b", "create", { policyId: UNKNOWN, serverIds: ["s2", "s3", UNKNOWN] }, [daily]),
        step(ASSOCIATION, "c", "update", { __policyRef: urn(POLICY, "weekly"), serverIds: UNKNOWN }),
      ]),
    );
    assert.deepEqual(rows, [
      { policy: "daily", servers: 3, unknownLists: 1 },
      { policy: "weekly", servers: 0, unknownLists: 1 },
    ]);
  });

  it("leaves out deleted policies and associations, and keys a literal policy id by itself", () => {
    const rows = serverCountsPerPolicy(
      record([
        step(POLICY, "old", "delete"),
        step(ASSOCIATION, "gone", "delete", { __policyRef: urn(POLICY, "old"), serverIds: ["s1"] }),
        step(ASSOCIATION, "x", "create", { policyId: "p-123", serverIds: ["s1"] }),
        step(ASSOCIATION, "y", "create", { policyId: "p-123", serverIds: ["s1", "s4"] }),
      ]),
    );
    assert.deepEqual(rows, [{ policy: "p-123", servers: 2, unknownLists: 0 }]);
  });
});
