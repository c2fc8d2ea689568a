/** `POST /restores` (docs/csbs-api-notes.md B.6). */
import type { CloudContext, Route } from "../../core/contracts";
import { CSBS_PROVIDER_ID } from "../limits";
import { invalid } from "../errors";
import { startRestore } from "../model/restores";
import type { DiskMapping } from "../model/restore-rules";
import { isObject, ok, PREFIX, route, wrapped } from "./common";
import { readBool } from "./policy-body";
import { restoreView } from "./views";

/** `[{"backup_id", "volume_id"}]` as a disk mapping (absent or empty: the service's default). */
export function diskMapping(raw: unknown, field: string): DiskMapping[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalid(`${field} must be a list of {"backup_id", "volume_id"}`);
  return raw.map((v, i) => {
    if (!isObject(v) || typeof v.backup_id !== "string" || typeof v.volume_id !== "string") {
      throw invalid(`${field}[${i}] must be {"backup_id": "<disk backup id>", "volume_id": "<disk of the server>"}`);
    }
    return { backupId: v.backup_id, volumeId: v.volume_id };
  });
}

export function restoreRoutes(ctx: CloudContext): Route[] {
  return [{
    method: "POST", pattern: `${PREFIX}/restores`, service: "csbs", auth: "token",
    handler: route(ctx, (req, s) => {
      const r = wrapped(req.body, "restore", '{"restore": {"provider_id", "checkpoint_id", "parameters": {"checkpoint_item_id", "power_on", "targets"}}}');
      if (r.provider_id !== CSBS_PROVIDER_ID) throw invalid(`restore.provider_id is ${JSON.stringify(r.provider_id)}; it must be ${CSBS_PROVIDER_ID}`);
      if (typeof r.checkpoint_id !== "string") throw invalid("restore.checkpoint_id is required: the checkpoint of the backup");
      const p = r.parameters;
      if (!isObject(p) || typeof p.checkpoint_item_id !== "string") throw invalid("restore.parameters.checkpoint_item_id is required: the backup to restore");
      if (p.power_on === undefined) throw invalid("restore.parameters.power_on is required (true or false)");
      readBool(p.power_on, "restore.parameters.power_on");
      if (!isObject(p.targets) || typeof p.targets.server_id !== "string") {
        throw invalid("restore.parameters.targets must be {\"server_id\", \"volumes\": [{\"backup_id\", \"volume_id\"}]}");
      }
      if (r.restore_target !== undefined && r.restore_target !== null && typeof r.restore_target !== "string") {
        throw invalid("restore.restore_target must be a text or null");
      }
      const restore = startRestore(ctx, s.projectId, {
        checkpointId: r.checkpoint_id, itemId: p.checkpoint_item_id, targetServerId: p.targets.server_id,
        restoreTarget: (r.restore_target as string | null | undefined) ?? null, parameters: p,
        powerOn: readBool(p.power_on, "restore.parameters.power_on"), volumes: diskMapping(p.targets.volumes, "restore.parameters.targets.volumes"),
      });
      return ok({ restore: restoreView(restore) });
    }),
  }];
}
