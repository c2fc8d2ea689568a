/**
 * A typed name of a store collection. The entity type travels with the name, so `store.get(POLICIES, id)`
 * returns a `PolicyRecord` without the caller naming (and possibly mistyping) the result type, and a plain
 * string is not a collection: every collection is declared once, next to its entity type.
 */
import type { Entity } from "./contracts";

declare const entityOf: unique symbol;

/** A collection name whose values are `T` (invariant in `T`: a `Collection<A>` is never a `Collection<B>`). */
export type Collection<T extends Entity> = string & { readonly [entityOf]: (value: T) => T };

/** Declares the collection `name` holding `T` values. */
export function collection<T extends Entity>(name: string): Collection<T> {
  return name as Collection<T>;
}
