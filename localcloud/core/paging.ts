/**
 * The one paginator of the local cloud: `limit` / `marker` (and, where the API has it, `offset`) over rows the
 * caller has already filtered and sorted. What differs between the APIs (largest page, which limits are refused,
 * when a next link is due, how each problem is worded) is a {@link PagingDialect}; each service declares its own.
 */

/** What can be wrong with a paging parameter; each dialect words these its own way. */
export type PagingProblem =
  | { kind: "limit-not-integer"; raw: string }
  | { kind: "limit-too-small"; value: number }
  | { kind: "offset-not-integer"; raw: string }
  | { kind: "offset-negative"; value: number }
  | { kind: "marker-not-found"; marker: string };

export interface PagingDialect {
  /** The largest page, also the page size when `limit` is absent. */
  maxLimit: number;
  /** The smallest `limit` accepted (Nova serves an empty page for 0; Karbor refuses it). */
  minLimit: number;
  /** Which text is an integer here (Nova takes digits only; Karbor also reads a sign and spaces). */
  integer: RegExp;
  /** An empty `limit=` / `marker=` counts as absent (Karbor) rather than as a bad value (Nova). */
  emptyIsAbsent: boolean;
  /** Whether `offset` is read (CSBS only). */
  offset: boolean;
  /** "more-follow": a next link only when rows follow the page (Nova, Cinder); "page-full": on every full page (Karbor). */
  nextLinkWhen: "more-follow" | "page-full";
  /** The next link states the page size it used (Karbor) instead of repeating the query as it came. */
  nextLinkSetsLimit: boolean;
  /** The error the service answers for a problem (thrown by {@link paginate}). */
  refuse(problem: PagingProblem): Error;
}

export interface Page<T> {
  items: T[];
  /** The `rel: next` link, when the dialect says one is due. */
  next?: { rel: "next"; href: string };
}

function present(query: URLSearchParams, name: string, dialect: PagingDialect): string | undefined {
  const raw = query.get(name);
  if (raw === null || (dialect.emptyIsAbsent && raw === "")) return undefined;
  return raw;
}

function readLimit(query: URLSearchParams, dialect: PagingDialect): number {
  const raw = present(query, "limit", dialect);
  if (raw === undefined) return dialect.maxLimit;
  if (!dialect.integer.test(raw)) throw dialect.refuse({ kind: "limit-not-integer", raw });
  const value = Number(raw);
  if (value < dialect.minLimit) throw dialect.refuse({ kind: "limit-too-small", value });
  return Math.min(value, dialect.maxLimit);
}

function readOffset(query: URLSearchParams, dialect: PagingDialect): number {
  if (!dialect.offset) return 0;
  const raw = present(query, "offset", dialect);
  if (raw === undefined) return 0;
  if (!dialect.integer.test(raw)) throw dialect.refuse({ kind: "offset-not-integer", raw });
  const value = Number(raw);
  if (value < 0) throw dialect.refuse({ kind: "offset-negative", value });
  return value;
}

/** One page of `rows` (already in list order) after the request's marker and offset; `self` is the list URL. */
export function paginate<T extends { id: string }>(rows: T[], query: URLSearchParams, self: string, dialect: PagingDialect): Page<T> {
  const limit = readLimit(query, dialect);
  const offset = readOffset(query, dialect);
  let start = 0;
  const marker = present(query, "marker", dialect);
  if (marker !== undefined) {
    const i = rows.findIndex((r) => r.id === marker);
    if (i < 0) throw dialect.refuse({ kind: "marker-not-found", marker });
    start = i + 1;
  }
  start += offset;
  const items = rows.slice(start, start + limit);
  const due =
    items.length > 0 &&
    (dialect.nextLinkWhen === "page-full" ? items.length === limit : start + limit < rows.length);
  if (!due) return { items };
  const next = new URLSearchParams(query);
  if (dialect.nextLinkSetsLimit) next.set("limit", String(limit));
  next.set("marker", items[items.length - 1]!.id);
  if (dialect.offset) next.delete("offset");
  return { items, next: { rel: "next", href: `${self}?${next.toString()}` } };
}
