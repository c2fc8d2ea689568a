/** Picks the backup backend for the configured dialect (`csbs:api`), as backend-factory does for policies. */
import { CsbsClient } from "../clients/csbs";
import { CsbsOperationsClient } from "../clients/csbs-operations";
import { KarborClient } from "../clients/karbor";
import type { Session } from "../clients/session";
import type { Settings } from "../config/settings";
import type { BackupBackend } from "./backup-backend";
import { CsbsBackupBackend } from "./csbs-backup-backend";
import { KarborBackupBackend } from "./karbor-backup-backend";

export function createBackupBackend(settings: Settings, session: Session): BackupBackend {
  return settings.api === "karbor"
    ? new KarborBackupBackend(new KarborClient(session), session)
    : new CsbsBackupBackend(new CsbsClient(session), new CsbsOperationsClient(session));
}
