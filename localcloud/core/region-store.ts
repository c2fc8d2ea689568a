/**
 * One region's partition of the cloud's store. Every region keeps its servers, volumes, policies, backups,
 * Karbor objects, scheduler cursor and clock in collections of its own, so a service built on a partition
 * cannot see another region's data whatever its routes do. The first region's partition is the store's
 * plain collection names (state written before regions existed reads as the first region's); every other
 * region's names carry `regions/<name>/`. Keystone's collections are the plain ones too: Keystone is one.
 */
import type { Collection } from "./collection";
import type { Entity, Store } from "./contracts";
import type { LocalStore } from "./store";

/** Where the collections of every region but the first live in the store. */
export const REGION_COLLECTION_PREFIX = "regions/";

/** The collection-name prefix of a region: none for the first (default) region. */
export function regionCollectionPrefix(name: string, isDefault: boolean): string {
  return isDefault ? "" : `${REGION_COLLECTION_PREFIX}${name}/`;
}

export class RegionStore implements Store {
  constructor(
    private readonly root: LocalStore,
    /** `""` for the first region, else `regions/<name>/`. */
    readonly prefix: string,
  ) {}

  get<T extends Entity>(collection: Collection<T>, id: string): T | undefined {
    return this.root.get(this.name(collection), id);
  }

  list<T extends Entity>(collection: Collection<T>): T[] {
    return this.root.list(this.name(collection));
  }

  put<T extends Entity>(collection: Collection<T>, value: NoInfer<T>): void {
    this.root.put(this.name(collection), value);
  }

  delete<T extends Entity>(collection: Collection<T>, id: string): void {
    this.root.delete(this.name(collection), id);
  }

  has<T extends Entity>(collection: Collection<T>, id: string): boolean {
    return this.root.has(this.name(collection), id);
  }

  count<T extends Entity>(collection: Collection<T>): number {
    return this.root.count(this.name(collection));
  }

  revision<T extends Entity>(collection: Collection<T>): number {
    return this.root.revision(this.name(collection));
  }

  /** The store's batching: one journal append and fsync for a whole fixture set, whatever regions it touches. */
  batch<R>(fn: () => R): R {
    return this.root.batch(fn);
  }

  /** Every value of this region's collection `name` (for views over all collections, like the admin dump). */
  entities(name: string): Entity[] {
    return this.root.entities(`${this.prefix}${name}`);
  }

  /** This region's collection names, without the prefix. */
  collections(): string[] {
    const all = this.root.collections();
    if (this.prefix === "") return all.filter((n) => !n.startsWith(REGION_COLLECTION_PREFIX));
    return all.filter((n) => n.startsWith(this.prefix)).map((n) => n.slice(this.prefix.length));
  }

  private name<T extends Entity>(collection: Collection<T>): Collection<T> {
    return `${this.prefix}${collection}` as Collection<T>;
  }
}
