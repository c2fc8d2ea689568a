/** CSBS checkpoint items → BackupRecord, tolerating string-typed numbers, floats and missing extend_info fields. */
import { asBoolean, asDecimal, asUtcInstant, isRecord } from "../domain/coerce";
import type { CsbsCheckpointItem } from "../wire/csbs";
import type { BackupRecord, VolumeBackupRecord } from "./backup-record";

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function volumeBackup(raw: unknown): VolumeBackupRecord | undefined {
  if (!isRecord(raw) || typeof raw.id !== "string") return undefined;
  return {
    id: raw.id,
    sourceVolumeId: text(raw.source_volume_id) ?? "",
    sizeGb: asDecimal(raw.source_volume_size) ?? 0,
    bootable: asBoolean(raw.bootable) ?? false,
  };
}

/** The record of one CSBS backup. */
export function backupFromCsbsItem(item: CsbsCheckpointItem): BackupRecord {
  const info = isRecord(item.extend_info) ? item.extend_info : {};
  const record: BackupRecord = {
    id: item.id,
    checkpointId: item.checkpoint_id,
    name: item.name,
    description: item.description ?? "",
    serverId: item.resource_id,
    serverName: text(info.resource_name) ?? "",
    status: item.status,
    kind: asBoolean(info.auto_trigger) === true ? "automatic" : "manual",
    incremental: asBoolean(info.incremental) ?? false,
    sizeMb: asDecimal(info.size) ?? 0,
    createdAt: asUtcInstant(item.created_at) ?? "",
    volumeBackups: (Array.isArray(info.volume_backups) ? info.volume_backups : []).flatMap((v) => volumeBackup(v) ?? []),
  };
  if (item.policy_id) record.policyId = item.policy_id;
  const speed = asDecimal(info.average_speed);
  if (speed !== undefined) record.averageSpeed = speed;
  const ratio = asDecimal(info.space_saving_ratio);
  if (ratio !== undefined) record.spaceSavingRatio = ratio;
  const finished = asUtcInstant(info.finished_at);
  if (finished) record.finishedAt = finished;
  const reason = text(info.fail_reason);
  if (reason && item.status === "error") record.failReason = reason;
  return record;
}
