/**
 * What the association rules need to know about a server: does it exist, its name and state, and whether it
 * has a shared (multi-attach) disk. Answers are cached for the provider process (one engine operation): one
 * Nova list serves every server, and each volume is asked about once.
 */
import { isSharedVolume, type CinderClient } from "../clients/cinder";
import type { NovaClient } from "../clients/nova";
import type { NovaServer } from "../wire/nova";

export interface ServerFacts {
  id: string;
  name: string;
  /** Nova status: ACTIVE, SHUTOFF, ERROR, … */
  status: string;
  /** Ids of attached volumes that are multi-attach. */
  sharedVolumeIds: string[];
}

/** Server states in which CSBS protects a server (Running, Stopped). */
export const PROTECTABLE_STATES: ReadonlySet<string> = new Set(["ACTIVE", "SHUTOFF"]);

export class ServerDirectory {
  private all?: Promise<Map<string, NovaServer>>;
  private readonly single = new Map<string, Promise<NovaServer | undefined>>();
  private readonly shared = new Map<string, Promise<boolean>>();

  constructor(
    private readonly nova: NovaClient,
    private readonly cinder: CinderClient,
  ) {}

  /** The server's facts, or undefined when it does not exist in the project. */
  async facts(serverId: string): Promise<ServerFacts | undefined> {
    const server = await this.server(serverId);
    if (!server) return undefined;
    const volumeIds = (server["os-extended-volumes:volumes_attached"] ?? []).map((v) => v.id);
    const flags = await Promise.all(volumeIds.map((v) => this.isShared(v)));
    return {
      id: server.id,
      name: server.name,
      status: server.status,
      sharedVolumeIds: volumeIds.filter((_, i) => flags[i]),
    };
  }

  /** The server's name for the policy's resource list (its id when Nova does not know it). */
  async nameOf(serverId: string): Promise<string> {
    return (await this.server(serverId))?.name || serverId;
  }

  private async server(serverId: string): Promise<NovaServer | undefined> {
    this.all ??= this.nova.listServersDetail().then((list) => new Map(list.map((s) => [s.id, s])));
    const listed = (await this.all).get(serverId);
    if (listed) return listed;
    // Created after the list was taken (e.g. earlier in this deployment): ask for it directly.
    let one = this.single.get(serverId);
    if (!one) {
      one = this.nova.getServer(serverId);
      this.single.set(serverId, one);
    }
    return one;
  }

  private isShared(volumeId: string): Promise<boolean> {
    let answer = this.shared.get(volumeId);
    if (!answer) {
      answer = this.cinder.getVolume(volumeId).then((v) => (v ? isSharedVolume(v) : false));
      this.shared.set(volumeId, answer);
    }
    return answer;
  }
}
