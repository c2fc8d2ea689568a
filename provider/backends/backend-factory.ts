/**
 * Picks the backend for the configured dialect (`csbs:api`); the hooks never see which one it is. Each dialect's
 * modules are loaded when a connection first uses it: a CSBS deployment's provider process never loads Karbor's.
 */
import type { Session } from "../clients/session";
import type { Settings } from "../config/settings";
import type { ServerNameLookup } from "./csbs-backend";
import type { PolicyBackend } from "./policy-backend";

export function createBackend(settings: Settings, session: Session, serverName: ServerNameLookup): PolicyBackend {
  if (settings.api === "karbor") {
    const { createKarborBackend } = require("./karbor-backend") as typeof import("./karbor-backend");
    return createKarborBackend(session, serverName);
  }
  const { CsbsBackend } = require("./csbs-backend") as typeof import("./csbs-backend");
  const { CsbsClient } = require("../clients/csbs") as typeof import("../clients/csbs");
  return new CsbsBackend(new CsbsClient(session), serverName);
}
