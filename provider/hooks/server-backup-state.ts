/**
 * What a ServerBackup holds in state: the declared inputs (kept apart in `__declared`, since the output
 * `incremental` says what the service made, which may differ from what was asked), what the cloud reports,
 * and the hidden values delete and refresh need (`__resourceName`, `__timeouts`).
 */
import type { BackupRecord } from "../backends/backup-record";
import type { ServerBackupSpec } from "../backends/backup-backend";
import { isRecord } from "../domain/coerce";
import type { ServerBackupInputs } from "../domain/server-backup-inputs";
import { profileOf } from "./profile-change";

/** `customTimeouts` of the resource in ms, as the SDK passes them (the engine does not give them to dynamic providers). */
export interface BackupTimeouts {
  create?: number;
  delete?: number;
}

export interface ServerBackupHidden {
  __resourceName: string;
  __timeouts?: BackupTimeouts;
}

export interface ServerBackupOutputs extends ServerBackupHidden {
  __declared: ServerBackupInputs;
  serverId: string;
  name: string;
  description: string;
  tags: Record<string, string>;
  triggers: unknown[];
  backupId: string;
  checkpointId: string;
  status: string;
  serverName: string;
  sizeMb: number;
  /** Whether the service made an incremental backup (the first backup of a server is full whatever was asked). */
  incremental: boolean;
  volumeBackups: Array<{ id: string; sourceVolumeId: string; sizeGb: number; bootable: boolean }>;
  createdAt: string;
  profile?: string;
}

export function serverBackupLabel(props: { __resourceName?: unknown }): string {
  return `ServerBackup "${typeof props.__resourceName === "string" ? props.__resourceName : "?"}"`;
}

function positive(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The hidden values of raw props (inputs or state), dropping anything malformed. */
export function hiddenOf(props: Record<string, unknown>): ServerBackupHidden {
  const t = isRecord(props.__timeouts) ? props.__timeouts : {};
  const timeouts: BackupTimeouts = {};
  const create = positive(t.create);
  const del = positive(t.delete);
  if (create !== undefined) timeouts.create = create;
  if (del !== undefined) timeouts.delete = del;
  return {
    __resourceName: typeof props.__resourceName === "string" ? props.__resourceName : "",
    ...(Object.keys(timeouts).length > 0 ? { __timeouts: timeouts } : {}),
  };
}

export function specOf(inputs: ServerBackupInputs): ServerBackupSpec {
  return { serverId: inputs.serverId, name: inputs.name, description: inputs.description, incremental: inputs.incremental, tags: inputs.tags };
}

export function outputsOf(declared: ServerBackupInputs, hidden: ServerBackupHidden, record: BackupRecord): ServerBackupOutputs {
  return {
    ...hidden,
    __declared: declared,
    serverId: declared.serverId,
    name: declared.name,
    description: declared.description,
    tags: declared.tags,
    triggers: declared.triggers,
    backupId: record.id,
    checkpointId: record.checkpointId,
    status: record.status,
    serverName: record.serverName,
    sizeMb: record.sizeMb,
    incremental: record.incremental,
    volumeBackups: record.volumeBackups.map((v) => ({ id: v.id, sourceVolumeId: v.sourceVolumeId, sizeGb: v.sizeGb, bootable: v.bootable })),
    createdAt: record.createdAt,
    ...profileOf(declared),
  };
}

/** The declared inputs kept in state; undefined when the state has none (never written by this version). */
export function declaredOf(props: Record<string, unknown>): ServerBackupInputs | undefined {
  const d = props.__declared;
  if (!isRecord(d) || typeof d.serverId !== "string" || typeof d.name !== "string") return undefined;
  return {
    serverId: d.serverId,
    name: d.name,
    description: typeof d.description === "string" ? d.description : "",
    incremental: d.incremental !== false,
    tags: isRecord(d.tags) ? (d.tags as Record<string, string>) : {},
    triggers: Array.isArray(d.triggers) ? d.triggers : [],
    ...profileOf(d),
  };
}
