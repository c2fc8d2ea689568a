import * as assert from "node:assert/strict";
import { backupFromCsbsItem } from "../../../provider/backends/csbs-backup-mapping";
import type { CsbsCheckpointItem } from "../../../provider/wire/csbs";

const item = (over: Partial<CsbsCheckpointItem>): CsbsCheckpointItem => ({
  id: "b1",
  checkpoint_id: "c1",
  name: "autobk_1",
  resource_id: "s1",
  resource_type: "OS::Nova::Server",
  status: "available",
  created_at: "2030-01-07 02:00:00",
  ...over,
});

/** What every record of `item()` holds, whatever its extend_info. */
const IDENTITY = { id: "b1", checkpointId: "c1", name: "autobk_1", description: "", serverId: "s1", status: "available" };

describe("a CSBS checkpoint item as a backup record", () => {
  it("reads string-typed numbers and flags, times without a zone as UTC, and each volume backup", () => {
    const record = backupFromCsbsItem(
      item({
        policy_id: "p1",
        extend_info: {
          resource_name: "web-1",
          auto_trigger: "true",
          incremental: true,
          size: "1024.5",
          average_speed: 12,
          space_saving_ratio: "0.5",
          finished_at: "2030-01-07T02:10:00.123456",
          volume_backups: [{ id: "v1", source_volume_id: "vol1", source_volume_size: "40", bootable: "true" }, "junk", { no: "id" }],
        },
      }),
    );
    assert.deepEqual(record, {
      ...IDENTITY,
      serverName: "web-1",
      kind: "automatic",
      incremental: true,
      sizeMb: 1024.5,
      createdAt: "2030-01-07T02:00:00.000Z",
      volumeBackups: [{ id: "v1", sourceVolumeId: "vol1", sizeGb: 40, bootable: true }],
      policyId: "p1",
      averageSpeed: 12,
      spaceSavingRatio: 0.5,
      finishedAt: "2030-01-07T02:10:00.123Z",
    });
  });

  it("fills what is missing with neutral values, a manual kind, and no optional fields", () => {
    const record = backupFromCsbsItem(item({ extend_info: undefined, created_at: "" }));
    assert.deepEqual(record, { ...IDENTITY, serverName: "", kind: "manual", incremental: false, sizeMb: 0, createdAt: "", volumeBackups: [] });
  });

  it("keeps a failure reason only for a backup in error", () => {
    assert.equal(backupFromCsbsItem(item({ status: "error", extend_info: { fail_reason: "disk full" } })).failReason, "disk full");
    assert.equal(backupFromCsbsItem(item({ status: "available", extend_info: { fail_reason: "stale" } })).failReason, undefined);
  });
});
