/** Whether a server may be protected: it exists in the project, is Running or Stopped, has no shared disk. */
import type { CloudContext, ServerFixture } from "../../core/contracts";
import { DomainError } from "./domain-error";

const PROTECTABLE_STATUSES = new Set(["ACTIVE", "SHUTOFF"]);

/** Returns the server, or throws the reason it cannot be backed up. */
export function eligibleServer(ctx: CloudContext, projectId: string, serverId: string): ServerFixture {
  const server = typeof serverId === "string" ? ctx.compute.getServer(projectId, serverId) : undefined;
  if (!server || server.projectId !== projectId) {
    throw new DomainError("server-missing", `Server (${serverId}) does not exist in this project; check the server id`, serverId);
  }
  if (!PROTECTABLE_STATUSES.has(server.status)) {
    throw new DomainError("server-status",
      `Server (${serverId}) has status ${server.status}; only ACTIVE (running) or SHUTOFF (stopped) servers can be backed up`, serverId);
  }
  for (const volumeId of server.volumeIds) {
    const volume = ctx.compute.getVolume(projectId, volumeId);
    if (volume?.multiattach) {
      throw new DomainError("server-shared",
        `Server (${serverId}) has the shared (multiattach) volume ${volumeId}; servers with shared disks cannot be backed up`, serverId);
    }
  }
  return server;
}
