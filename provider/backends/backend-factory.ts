/** Picks the backend for the configured dialect (`csbs:api`); the hooks never see which one it is. */
import { CsbsClient } from "../clients/csbs";
import type { Session } from "../clients/session";
import type { Settings } from "../config/settings";
import { CsbsBackend, type ServerNameLookup } from "./csbs-backend";
import { createKarborBackend } from "./karbor-backend";
import type { PolicyBackend } from "./policy-backend";

export function createBackend(settings: Settings, session: Session, serverName: ServerNameLookup): PolicyBackend {
  return settings.api === "karbor" ? createKarborBackend(session, serverName) : new CsbsBackend(new CsbsClient(session), serverName);
}
