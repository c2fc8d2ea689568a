/**
 * The read-only view of servers and volumes that Nova, Cinder and the data-protection services share.
 * Lists are indexed per project and rebuilt only when the collection changes, so a CSBS request that
 * checks 64 servers of a 2048-server project does not parse the whole fleet each time. The objects handed
 * out are shared and deep-frozen (copying 2048 servers per request was the slowest part of a list).
 */
import type { Collection } from "../core/collection";
import type { ComputeView, Entity, ServerFixture, Store, VolumeFixture } from "../core/contracts";
import { SERVERS, VOLUMES } from "../fixtures/apply-fixtures";

/** A store that tells when a collection changed (the cloud's store, or one region's partition of it). */
export interface RevisionedStore extends Store {
  revision<T extends Entity>(collection: Collection<T>): number;
}

interface Index<T> {
  /** The revisions the index was built from (a volume's place depends on its server's creation too). */
  revision: string;
  byId: Map<string, T>;
  byProject: Map<string, T[]>;
}

export class StoreComputeView implements ComputeView {
  private servers: Index<ServerFixture> | undefined;
  private volumes: Index<VolumeFixture> | undefined;

  constructor(private readonly store: RevisionedStore) {}

  getServer(projectId: string, serverId: string): ServerFixture | undefined {
    const s = this.serverIndex().byId.get(serverId);
    return s && s.projectId === projectId ? s : undefined;
  }

  /** Newest first, as Nova lists them (created desc, then id desc). */
  listServers(projectId: string): ServerFixture[] {
    return (this.serverIndex().byProject.get(projectId) ?? []).slice();
  }

  getVolume(projectId: string, volumeId: string): VolumeFixture | undefined {
    const v = this.volumeIndex().byId.get(volumeId);
    return v && v.projectId === projectId ? v : undefined;
  }

  /** Newest first, as Cinder lists them (created desc, then id desc); a volume is created with its server. */
  listVolumes(projectId: string): VolumeFixture[] {
    return (this.volumeIndex().byProject.get(projectId) ?? []).slice();
  }

  /** When a volume was created, as Cinder shows it: with its server, else at the epoch. */
  volumeCreatedAt(volume: VolumeFixture): string {
    const server = volume.serverId ? this.serverIndex().byId.get(volume.serverId) : undefined;
    return server?.createdAt ?? new Date(0).toISOString();
  }

  private serverIndex(): Index<ServerFixture> {
    const revision = String(this.store.revision(SERVERS));
    if (!this.servers || this.servers.revision !== revision) {
      this.servers = build(revision, this.store.list(SERVERS), (a) => a.createdAt);
    }
    return this.servers;
  }

  private volumeIndex(): Index<VolumeFixture> {
    const revision = `${this.store.revision(VOLUMES)}/${this.store.revision(SERVERS)}`;
    if (!this.volumes || this.volumes.revision !== revision) {
      this.volumes = build(revision, this.store.list(VOLUMES), (v) => this.volumeCreatedAt(v));
    }
    return this.volumes;
  }
}

/** The items indexed newest first (created desc, then id desc), the default order of Nova's and Cinder's lists. */
function build<T extends { id: string; projectId: string }>(revision: string, items: T[], createdAt: (item: T) => string): Index<T> {
  const created = new Map(items.map((item) => [item, createdAt(item)]));
  items.sort((a, b) => {
    const ca = created.get(a)!;
    const cb = created.get(b)!;
    return ca === cb ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : ca < cb ? 1 : -1;
  });
  const byId = new Map<string, T>();
  const byProject = new Map<string, T[]>();
  for (const item of items) {
    deepFreeze(item);
    byId.set(item.id, item);
    let list = byProject.get(item.projectId);
    if (!list) byProject.set(item.projectId, (list = []));
    list.push(item);
  }
  return { revision, byId, byProject };
}

function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null && !Object.isFrozen(v)) {
    for (const child of Object.values(v)) deepFreeze(child);
    Object.freeze(v);
  }
  return v;
}
