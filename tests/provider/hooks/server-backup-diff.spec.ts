import * as assert from "node:assert/strict";
import { diff } from "../../../provider/hooks/server-backup-hooks";
import { UNKNOWN } from "../../../provider/domain/unknown";

const SERVER = "6f1c0000-0000-4000-8000-000000000001";
const declared = { serverId: SERVER, name: "pre-upgrade", description: "before v2", incremental: true, tags: { reason: "upgrade" }, triggers: ["v1", { build: 7 }] };
/** What create writes to state: the declared inputs apart, and what the service made (a full first backup). */
const stored = {
  ...declared,
  __declared: declared,
  __resourceName: "before-upgrade",
  __timeouts: { create: 1_800_000 },
  incremental: false,
  backupId: "item-1",
  checkpointId: "cp-1",
  status: "available",
};
const news = { ...declared, __resourceName: "before-upgrade" };

describe("ServerBackup diff", () => {
  it("shows no change for the same declaration, whatever the service made of it and whatever the timeouts", async () => {
    const same = { ...news, serverId: SERVER.toUpperCase(), triggers: ["v1", { build: 7 }], __timeouts: { create: 60_000 } };
    assert.deepEqual(await diff("item-1", stored, same), { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  for (const [key, value] of [
    ["serverId", "6f1c0000-0000-4000-8000-000000000002"],
    ["name", "pre-v3"],
    ["description", "before v3"],
    ["incremental", false],
    ["tags", {}],
    ["triggers", ["v2", { build: 7 }]],
  ] as const) {
    it(`replaces the backup when ${key} changes, taking the new one before deleting the old`, async () => {
      assert.deepEqual(await diff("item-1", stored, { ...news, [key]: value }), { changes: true, replaces: [key], deleteBeforeReplace: false });
    });
  }

  it("replaces when a trigger is not known yet in a preview", async () => {
    assert.deepEqual((await diff("item-1", stored, { ...news, triggers: [UNKNOWN] })).replaces, ["triggers"]);
  });
});
