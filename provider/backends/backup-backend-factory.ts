/**
 * Picks the backup backend for the configured dialect (`csbs:api`), as backend-factory does for policies, loading
 * only that dialect's modules, when a connection first asks for its backups (ServerBackup, the SDK's lookups).
 */
import type { Session } from "../clients/session";
import type { Settings } from "../config/settings";
import type { BackupBackend } from "./backup-backend";

export function createBackupBackend(settings: Settings, session: Session): BackupBackend {
  if (settings.api === "karbor") {
    const { KarborBackupBackend } = require("./karbor-backup-backend") as typeof import("./karbor-backup-backend");
    const { KarborClient } = require("../clients/karbor") as typeof import("../clients/karbor");
    return new KarborBackupBackend(new KarborClient(session), session);
  }
  const { CsbsBackupBackend } = require("./csbs-backup-backend") as typeof import("./csbs-backup-backend");
  const { CsbsClient } = require("../clients/csbs") as typeof import("../clients/csbs");
  const { CsbsOperationsClient } = require("../clients/csbs-operations") as typeof import("../clients/csbs-operations");
  return new CsbsBackupBackend(new CsbsClient(session), new CsbsOperationsClient(session));
}
