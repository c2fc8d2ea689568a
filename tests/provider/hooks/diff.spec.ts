import * as assert from "node:assert/strict";
import { diff as associationDiff } from "../../../provider/hooks/association-hooks";
import { diff as policyDiff } from "../../../provider/hooks/policy-hooks";
import { UNKNOWN } from "../../../provider/domain/unknown";

const PATTERN = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=2,14;BYMINUTE=0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

const stored = {
  __resourceName: "daily",
  name: "daily-web",
  description: "",
  enabled: true,
  schedule: { times: ["02:00", "14:00"], weekdays: ["MO", "TH"], timezone: "UTC" },
  retention: { maxBackups: 7 },
  tags: { team: "web", tier: "1" },
  pattern: PATTERN,
  status: "suspended",
  createdAt: "2026-01-01T00:00:00.000000",
  projectId: "p",
};

describe("BackupPolicy diff", () => {
  it("shows no change for the same intent written differently", async () => {
    const same = {
      ...stored,
      description: undefined,
      enabled: "true",
      schedule: { times: ["14:00", "2:00"], weekdays: ["TH", "MO"] },
      retention: { maxBackups: "7" },
      tags: { tier: 1, team: "web" },
      pattern: PATTERN.replace(/\r\n/g, "\n").replace("BYHOUR=2,14", "BYHOUR=14,2"),
    };
    assert.deepEqual(await policyDiff("id", stored, same), { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  for (const [label, change] of [
    ["schedule", { schedule: { times: ["03:00"], timezone: "UTC" } }],
    ["retention", { retention: { maxAgeDays: 7 } }],
    ["enabled", { enabled: false }],
    ["tags", { tags: { team: "web" } }],
    ["name", { name: "other" }],
    ["description", { description: "new" }],
  ] as const) {
    it(`updates ${label} in place, never replacing the policy`, async () => {
      assert.deepEqual(await policyDiff("id", stored, { ...stored, ...change }), { changes: true, replaces: [], deleteBeforeReplace: false });
    });
  }

  it("counts a value not known yet in a preview as a change", async () => {
    const result = await policyDiff("id", stored, { ...stored, description: UNKNOWN });
    assert.equal(result.changes, true);
  });
});

describe("PolicyAssociation diff", () => {
  const a = "6f1c0000-0000-4000-8000-000000000001";
  const b = "6f1c0000-0000-4000-8000-000000000002";
  const olds = { policyId: "3b2c0000-0000-4000-8000-000000000000", serverIds: [a, b], takeOver: false };

  it("shows no change for the same servers in another order", async () => {
    const result = await associationDiff("x", olds, { ...olds, serverIds: [b, a], takeOver: "false" });
    assert.equal(result.changes, false);
  });

  it("updates the server list in place", async () => {
    assert.deepEqual(await associationDiff("x", olds, { ...olds, serverIds: [a] }), { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("replaces the association, deleting first, when policyId changes", async () => {
    const result = await associationDiff("x", olds, { ...olds, policyId: "3b2c0000-0000-4000-8000-0000000000ff" });
    assert.deepEqual(result, { changes: true, replaces: ["policyId"], deleteBeforeReplace: true });
  });

  it("replaces when the new policy id is not known yet", async () => {
    assert.deepEqual((await associationDiff("x", olds, { ...olds, policyId: UNKNOWN })).replaces, ["policyId"]);
  });
});
