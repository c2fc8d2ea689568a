import * as pulumi from "@pulumi/pulumi";
import * as csbs from "pulumi-csbs";

const config = new pulumi.Config();
// Which servers must be protected (default: every server of the project) and how old their newest backup may be.
const serverIds = config.getObject<string[]>("serverIds");
const maxAgeHours = config.getNumber("maxAgeHours") ?? 26;

// An async program: a thrown error fails the deploy (and the preview) with its text in the diagnostics.
export = async () => {
  const rows = await csbs.getServerProtection({ serverIds });
  const now = Date.now();
  const stale = rows.flatMap((row) => {
    if (row.lastBackupAt === undefined || row.lastBackupStatus !== "available") {
      return [`${row.serverName} (${row.serverId}) has no available backup${row.policyName ? ` (policy ${row.policyName})` : ", and no policy protects it"}`];
    }
    const ageHours = (now - Date.parse(row.lastBackupAt)) / 3_600_000;
    return ageHours > maxAgeHours ? [`${row.serverName} (${row.serverId}): its last backup is ${ageHours.toFixed(1)} h old`] : [];
  });
  if (stale.length > 0) {
    throw new pulumi.RunError(`${stale.length} server(s) have no backup younger than ${maxAgeHours} h (maxAgeHours):\n  ${stale.join("\n  ")}\nback them up (pulumi-csbs backup-now <policy>) or raise maxAgeHours`);
  }
  return {
    protection: rows.map((row) => ({ server: row.serverName, policy: row.policyName ?? "", lastBackupAt: row.lastBackupAt ?? "", nextRunAt: row.nextRunAt ?? "" })),
  };
};
