/**
 * Picks the backend for the configured dialect. The Karbor backend is loaded only when asked for, by path, so
 * CSBS users never load it and it can ship separately.
 */
import { CsbsClient } from "../clients/csbs";
import type { Session } from "../clients/session";
import type { Settings } from "../config/settings";
import { CsbsBackend, type ServerNameLookup } from "./csbs-backend";
import type { PolicyBackend } from "./policy-backend";

/** What `./karbor-backend` must export. */
export interface KarborBackendModule {
  createKarborBackend(session: Session, serverName: ServerNameLookup): PolicyBackend | Promise<PolicyBackend>;
}

export async function createBackend(settings: Settings, session: Session, serverName: ServerNameLookup): Promise<PolicyBackend> {
  if (settings.api !== "karbor") return new CsbsBackend(new CsbsClient(session), serverName);
  let mod: Partial<KarborBackendModule>;
  try {
    // A variable path keeps tsc from requiring the module at build time: it arrives separately.
    const modulePath = "./karbor-backend";
    mod = (await import(modulePath)) as Partial<KarborBackendModule>;
  } catch (err) {
    throw new Error(
      `csbs:api is "karbor" but this pulumi-csbs has no Karbor backend (${(err as Error).message.split("\n")[0]}): ` +
        `upgrade pulumi-csbs to a version with Karbor support, or set csbs:api to "csbs"`,
    );
  }
  if (typeof mod.createKarborBackend !== "function") {
    throw new Error('csbs:api is "karbor" but ./karbor-backend does not export createKarborBackend(session, serverName): upgrade pulumi-csbs');
  }
  return mod.createKarborBackend(session, serverName);
}
