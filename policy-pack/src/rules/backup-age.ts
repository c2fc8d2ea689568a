/**
 * The newest backup of every server this stack associates is at most `maxHours` old, read from the cloud at
 * preview with getServerProtection. A server that no policy holds yet (this stack is about to associate it)
 * cannot have a scheduled backup, so it is left to the next preview.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import type { ServerProtection } from "../../../sdk/get-server-protection";
import { cloudReadFailure, serverProtection } from "../cloud-reads";
import { reportUnknowns } from "../preview-unknown";
import { RULES } from "../rule-names";
import { readStack } from "../stack-model";

export interface BackupAgeConfig {
  maxHours?: number;
}

export const backupAge: StackValidationPolicy = {
  name: RULES.backupAge,
  description: "The newest backup of each server the stack associates is at most maxHours old.",
  enforcementLevel: "disabled",
  configSchema: {
    properties: { maxHours: { type: "number", exclusiveMinimum: 0, description: "Oldest a server's newest backup may be, in hours." } },
  },
  validateStack: async (args, reportViolation) => {
    const { maxHours } = args.getConfig<BackupAgeConfig>();
    if (maxHours === undefined) {
      reportViolation(`${RULES.backupAge} is on but its config has no maxHours: add e.g. { "maxHours": 26 } under "${RULES.backupAge}" in the policy pack config`);
      return;
    }
    const { associations } = readStack(args.resources);
    let rows: ServerProtection[];
    try {
      rows = await serverProtection();
    } catch (err) {
      reportViolation(cloudReadFailure(RULES.backupAge, err));
      return;
    }
    const byId = new Map(rows.map((r) => [r.serverId, r]));
    const now = Date.now();
    for (const a of associations) {
      for (const id of a.serverIds) {
        const row = byId.get(id);
        if (row === undefined || row.policyId === undefined) continue;
        const label = `server "${row.serverName}" (${id}) of association "${a.resourceName}"`;
        if (row.lastBackupAt === undefined) {
          reportViolation(`${label} has no backup although policy "${row.policyName}" holds it: the newest backup may be at most ${maxHours} hours old; check that the policy is enabled and its runs succeed`, a.urn);
          continue;
        }
        const hours = (now - Date.parse(row.lastBackupAt)) / 3_600_000;
        if (hours > maxHours) {
          reportViolation(
            `${label} has its newest backup from ${row.lastBackupAt} (${Math.floor(hours)} hours old, ${row.lastBackupStatus ?? "status unknown"}): ` +
              `the newest backup may be at most ${maxHours} hours old; check that policy "${row.policyName}" is enabled and its runs succeed, or run a backup now`,
            a.urn,
          );
        }
      }
    }
    reportUnknowns(associations.filter((a) => a.serversUnknown).map((a) => `serverIds of association "${a.resourceName}"`));
  },
};
