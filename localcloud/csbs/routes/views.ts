/**
 * Domain records as CSBS v1 JSON, with the production quirks clients must survive: `operation_definition`
 * values as strings ("20", "-1", "False"), `created_at` with microseconds and no zone, floats in `extend_info`.
 */
import type { CsbsCheckpointItem, CsbsPolicy } from "../../../provider/wire/csbs";
import { CSBS_PROVIDER_ID, SERVER_TYPE } from "../limits";
import { policyStatus } from "../model/policies";
import { csbsTimestamp, triggerTime } from "../model/time";
import type { BackupItem, CheckpointRecord, OperationLog, PolicyRecord, RestoreRecord } from "../model/types";

function pyBool(b: boolean): string {
  return b ? "True" : "False";
}

export function policyView(p: PolicyRecord, now: Date): CsbsPolicy & { user_id: null } {
  const s = p.schedule;
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    created_at: csbsTimestamp(p.createdAt),
    project_id: p.projectId,
    provider_id: CSBS_PROVIDER_ID,
    user_id: null,
    parameters: p.parameters,
    resources: p.servers.map((r) => ({ id: r.id, type: SERVER_TYPE, name: r.name, extra_info: {} })),
    scheduled_operations: [{
      id: s.operationId,
      name: s.operationName,
      description: s.operationDescription,
      enabled: s.enabled,
      operation_type: "backup",
      operation_definition: {
        max_backups: String(s.retention.maxBackups),
        retention_duration_days: String(s.retention.retentionDurationDays),
        permanent: pyBool(s.retention.permanent),
        plan_id: p.id,
        provider_id: CSBS_PROVIDER_ID,
      },
      trigger_id: s.triggerId,
      trigger: {
        id: s.triggerId,
        name: "default",
        type: "time",
        properties: { pattern: s.pattern, start_time: triggerTime(s.startTime), format: "ical" },
      },
    }],
    status: policyStatus(p, now),
    tags: p.tags.map((t) => ({ ...t })),
  };
}

/** A checkpoint's status: protecting while any backup is being made, error if any failed, else available. */
export function checkpointStatus(items: BackupItem[]): string {
  if (items.some((i) => i.status === "protecting")) return "protecting";
  if (items.length > 0 && items.every((i) => i.status === "deleting")) return "deleting";
  if (items.some((i) => i.status === "error")) return "error";
  return "available";
}

export function checkpointView(c: CheckpointRecord, items: BackupItem[]): Record<string, unknown> {
  const oneOff = c.policyId === undefined;
  return {
    id: c.id,
    project_id: c.projectId,
    status: checkpointStatus(items),
    protection_plan: {
      id: c.planId,
      name: c.planName,
      resources: c.resources.map((r) => ({
        id: r.id, type: SERVER_TYPE, name: oneOff ? `resource_${r.id}` : r.name, extra_info: {},
      })),
    },
    resource_graph: null,
    created_at: csbsTimestamp(c.createdAt),
    extra_info: oneOff ? null : JSON.stringify({ created_by: c.createdBy }),
  };
}

export function itemView(i: BackupItem): CsbsCheckpointItem {
  const totalGb = i.volumes.reduce((n, v) => n + v.sizeGb, 0);
  const done = i.status !== "protecting";
  return {
    id: i.id,
    checkpoint_id: i.checkpointId,
    name: i.name,
    description: i.description,
    resource_id: i.resourceId,
    resource_type: SERVER_TYPE,
    status: i.status,
    created_at: csbsTimestamp(i.createdAt),
    updated_at: csbsTimestamp(i.updatedAt),
    ...(i.policyId ? { policy_id: i.policyId } : {}),
    tags: i.tags.map((t) => ({ ...t })),
    backup_data: {
      __openstack_region_name: "RegionOne", cloudservicetype: "QEMU", disk: totalGb, imagetype: "backup",
      ram: 4096, vcpus: 2, eip: "", private_ip: "192.168.0.10",
    },
    extend_info: {
      auto_trigger: i.automatic,
      // Floats on purpose: production sends e.g. 29.9 where the docs promise integers (OTC TF #1357).
      average_speed: 29.9,
      copy_from: "",
      copy_status: "na",
      fail_code: i.status === "error" ? { Code: "CSBS.9999", Description: i.failReason ?? "backup failed" } : {},
      fail_op: i.status === "error" ? "backup" : "",
      fail_reason: i.status === "error" ? i.failReason ?? "backup failed" : "",
      image_type: "backup",
      incremental: i.incremental,
      progress: done ? 100 : 0,
      resource_az: i.az,
      resource_name: i.resourceName,
      resource_type: SERVER_TYPE,
      size: i.sizeMb,
      space_saving_ratio: i.incremental ? 12.5 : 2.5,
      volume_backups: i.volumes.map((v) => ({
        id: v.id, name: i.name, status: i.status, bootable: v.bootable, incremental: i.incremental,
        // Integers here, unlike one level up: the Open Telekom Cloud Go SDK decodes average_speed as int.
        image_type: "backup", size: Math.round(v.sizeGb * 1024 * (i.incremental ? 0.05 : 0.4)), average_speed: 30,
        snapshot_id: "", source_volume_id: v.volumeId, source_volume_name: v.volumeName, source_volume_size: v.sizeGb,
        space_saving_ratio: 2,
      })),
      finished_at: done ? csbsTimestamp(i.updatedAt) : "",
      supported_restore_mode: "backup",
      os_images_data: [],
      support_lld: false,
      taskid: i.checkpointId,
      hypervisor_type: "QEMU",
    },
  };
}

export function oplogView(l: OperationLog): Record<string, unknown> {
  return {
    id: l.id,
    project_id: l.projectId,
    operation_type: l.operationType,
    checkpoint_id: l.checkpointId,
    plan_id: l.planId,
    provider_id: CSBS_PROVIDER_ID,
    restore_id: l.restoreId,
    scheduled_operation_id: l.scheduledOperationId,
    status: l.status,
    started_at: csbsTimestamp(l.startedAt),
    ended_at: l.endedAt ? csbsTimestamp(l.endedAt) : null,
    error_info: l.errorInfo ? JSON.stringify(l.errorInfo) : null,
    extra_info: l.extraInfo,
  };
}

export function restoreView(r: RestoreRecord): Record<string, unknown> {
  return {
    id: r.id,
    project_id: r.projectId,
    provider_id: CSBS_PROVIDER_ID,
    checkpoint_id: r.checkpointId,
    restore_target: r.restoreTarget,
    parameters: r.parameters,
    status: r.status,
    resources_status: { [`${SERVER_TYPE}#${r.targetServerId}`]: r.status === "success" ? "available" : "restoring" },
    resources_reason: {},
  };
}
