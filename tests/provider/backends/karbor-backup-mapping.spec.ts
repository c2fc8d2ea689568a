/** Karbor checkpoints as backups, and what a refused checkpoint delete means by the status read after it. */
import assert from "node:assert/strict";
import { backupsFromKarborCheckpoint, deleteRefusalOf } from "../../../provider/backends/karbor-backup-mapping";
import { KARBOR_SERVER_TYPE, type KarborCheckpoint } from "../../../provider/wire/karbor";

describe("Karbor backup mapping", () => {
  it("reads every status of Karbor's checkpoint state machine as gone, busy, stuck or deletable", () => {
    const statuses = [undefined, "deleted", "protecting", "deleting", "wait_copying", "copying", "available", "error", "error-deleting", "finished", "a-future-status"];
    assert.deepEqual(
      Object.fromEntries(statuses.map((s) => [String(s), deleteRefusalOf(s)])),
      {
        undefined: "gone", deleted: "gone",
        protecting: "busy", deleting: "busy", wait_copying: "busy", copying: "busy",
        available: "deletable", error: "deletable",
        "error-deleting": "stuck", finished: "stuck", "a-future-status": "stuck",
      },
    );
  });

  it("does not read inherited object keys as statuses", () => {
    assert.equal(deleteRefusalOf("constructor"), "stuck");
    assert.equal(deleteRefusalOf("toString"), "stuck");
  });

  it("makes one record per server of the checkpoint, naming the policy only while its plan exists", () => {
    const checkpoint: KarborCheckpoint = {
      id: "c1", project_id: "p", status: "available", created_at: "2030-01-07", extra_info: JSON.stringify({ created_by: "operation-engine" }),
      protection_plan: { id: "plan", name: "daily", resources: [{ id: "s1", type: KARBOR_SERVER_TYPE, name: "web-1" }, { id: "v", type: "OS::Cinder::Volume", name: "disk" }] },
    } as KarborCheckpoint;
    const [live] = backupsFromKarborCheckpoint(checkpoint, new Set(["plan"]));
    assert.deepEqual([live?.serverId, live?.serverName, live?.policyId, live?.kind, live?.createdAt], ["s1", "web-1", "plan", "automatic", "2030-01-07T00:00:00.000Z"]);
    assert.equal(backupsFromKarborCheckpoint(checkpoint, new Set()).length, 1);
    assert.equal(backupsFromKarborCheckpoint(checkpoint, new Set())[0]?.policyId, undefined);
  });
});
