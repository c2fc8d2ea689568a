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
  revision: number;
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

  listVolumes(projectId: string): VolumeFixture[] {
    return (this.volumeIndex().byProject.get(projectId) ?? []).slice();
  }

  private serverIndex(): Index<ServerFixture> {
    if (!this.servers || this.servers.revision !== this.store.revision(SERVERS)) {
      this.servers = build(this.store.revision(SERVERS), this.store.list(SERVERS), (a, b) =>
        a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
      );
    }
    return this.servers;
  }

  private volumeIndex(): Index<VolumeFixture> {
    if (!this.volumes || this.volumes.revision !== this.store.revision(VOLUMES)) {
      this.volumes = build(this.store.revision(VOLUMES), this.store.list(VOLUMES), (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
    return this.volumes;
  }
}

function build<T extends { id: string; projectId: string }>(revision: number, items: T[], order: (a: T, b: T) => number): Index<T> {
  items.sort(order);
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
