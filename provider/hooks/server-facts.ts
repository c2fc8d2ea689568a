/**
 * What the association rules need to know about a server: does it exist, its name and state, and whether it
 * has a shared (multi-attach) disk. Answers are kept for the provider process (one engine operation): one Nova
 * listing serves every server and one Cinder listing every volume (a preview of 2048 servers would otherwise
 * ask Cinder 2048 times), each read only as far as the questions need (./partial-listing); only a server or
 * volume neither listing holds is asked about on its own.
 *
 * Volumes are read as soon as a page of servers shows an asked-about server with a disk, beside the rest of the
 * server pages, not after them: the first association check of an operation waits for both listings, and the
 * engine calls `check` one resource at a time, so every later resource waits behind it.
 */
import { isSharedVolume, type CinderClient } from "../clients/cinder";
import type { NovaClient } from "../clients/nova";
import type { SelectableServer } from "../domain/server-selector";
import type { CinderVolume } from "../wire/cinder";
import type { NovaServer } from "../wire/nova";
import { MemoMap } from "../runtime/memo";
import { PartialListing } from "./partial-listing";

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
  private readonly servers: PartialListing<NovaServer>;
  private readonly volumes: PartialListing<CinderVolume>;
  // Each single answer is kept unless it fails (Memo): a failed request is asked again by the next question.
  private readonly single = new MemoMap<string, NovaServer | undefined>();
  private readonly shared = new MemoMap<string, boolean>();
  /** Every server whose facts were asked for: a page showing one with a disk starts reading its volumes. */
  private readonly asked = new Set<string>();

  constructor(
    private readonly nova: NovaClient,
    private readonly cinder: CinderClient,
  ) {
    this.servers = new PartialListing(() => nova.serverPages(), (s) => s.id, (page) => this.readDisksOf(page));
    this.volumes = new PartialListing(() => cinder.volumePages(), (v) => v.id);
  }

  /** The server's facts, or undefined when it does not exist in the project. */
  async facts(serverId: string): Promise<ServerFacts | undefined> {
    return (await this.factsOf([serverId])).get(serverId);
  }

  /**
   * The facts of each server, as {@link facts} answers them: one wait for the listings for all of them, not a
   * few per server and disk (an association's check asks about 64 servers; 2048 such waits per operation).
   */
  async factsOf(serverIds: readonly string[]): Promise<Map<string, ServerFacts | undefined>> {
    // Nothing to ask about (a check that adds no server): no listing either.
    if (serverIds.length === 0) return new Map();
    for (const id of serverIds) this.asked.add(id);
    const listed = await this.servers.find(serverIds);
    const unlisted = serverIds.filter((id) => !listed.has(id));
    // Created after the list was read (e.g. earlier in this deployment): asked for directly.
    const asked = await Promise.all(unlisted.map((id) => this.single.get(id, () => this.nova.getServer(id))));
    const found = new Map(unlisted.map((id, i) => [id, asked[i]]));
    const servers = serverIds.map((id) => listed.get(id) ?? found.get(id));
    const volumeIds = servers.map((s) => (s ? volumesOf(s) : []));
    const shared = await this.sharedAmong(volumeIds.flat());
    return new Map(
      serverIds.map((id, i): [string, ServerFacts | undefined] => {
        const server = servers[i];
        if (!server) return [id, undefined];
        return [id, { id: server.id, name: server.name, status: server.status, sharedVolumeIds: volumeIds[i].filter((v) => shared.has(v)) }];
      }),
    );
  }

  /** The server's name for the policy's resource list (its id when Nova does not know it). */
  async nameOf(serverId: string): Promise<string> {
    return (await this.server(serverId))?.name || serverId;
  }

  /** Every server of the project with its tags and metadata, from the same one listing (read to its end). */
  async selectable(): Promise<SelectableServer[]> {
    return (await this.servers.all()).map((s) => ({ id: s.id, name: s.name, tags: s.tags ?? [], metadata: s.metadata ?? {} }));
  }

  /** Starts reading the volumes of the asked-about servers on a page; whoever needs them waits for them. */
  private readDisksOf(page: readonly NovaServer[]): void {
    const volumeIds = page.filter((s) => this.asked.has(s.id)).flatMap(volumesOf);
    // Nobody waits on this read itself: its failure reaches the question that asks for these volumes next.
    if (volumeIds.length > 0) this.volumes.find(volumeIds).catch(() => undefined);
  }

  private async server(serverId: string): Promise<NovaServer | undefined> {
    const listed = (await this.servers.find([serverId])).get(serverId);
    if (listed) return listed;
    // Created after the list was read (e.g. earlier in this deployment): ask for it directly.
    return this.single.get(serverId, () => this.nova.getServer(serverId));
  }

  /** Which of the volumes are multi-attach; no Cinder request when there are none to ask about. */
  private async sharedAmong(volumeIds: readonly string[]): Promise<Set<string>> {
    if (volumeIds.length === 0) return new Set();
    const listed = await this.volumes.find(volumeIds);
    const unlisted = volumeIds.filter((v) => !listed.has(v));
    const flags = await Promise.all(unlisted.map((v) => this.shared.get(v, () => this.cinder.getVolume(v).then((vol) => (vol ? isSharedVolume(vol) : false)))));
    const asked = new Map(unlisted.map((v, i) => [v, flags[i]]));
    return new Set(
      volumeIds.filter((v) => {
        const vol = listed.get(v);
        return vol ? isSharedVolume(vol) : asked.get(v) === true;
      }),
    );
  }
}

/** The ids of the volumes Nova shows attached to the server. */
function volumesOf(server: NovaServer): string[] {
  return (server["os-extended-volumes:volumes_attached"] ?? []).map((v) => v.id);
}
