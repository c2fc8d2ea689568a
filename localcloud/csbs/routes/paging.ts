/**
 * limit / marker / offset / sort of every CSBS list (Karbor's rules: limit a positive integer up to 1000,
 * offset a non-negative integer, sort `key[:asc|desc],...` default `created_at:desc`, a `<name>_links` next link
 * when the page is full).
 */
import { paginate as paginateRows, type PagingDialect } from "../../core/paging";
import { MAX_PAGE } from "../limits";
import { invalid } from "../errors";

export interface Pageable {
  id: string;
  [key: string]: unknown;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  return String(a) < String(b) ? -1 : 1;
}

/** Sorts `rows` by the `sort` parameter over `keys` (values compared as text: ISO times sort correctly). */
export function sortRows<T extends Pageable>(rows: T[], query: URLSearchParams, keys: string[]): T[] {
  const text = query.get("sort") ?? "created_at:desc";
  if (text.length > 255) throw invalid("sort is longer than 255 characters");
  const specs = text.split(",").filter((s) => s.trim() !== "").map((part) => {
    const [key, dir = "desc"] = part.trim().split(":");
    if (!keys.includes(key)) throw invalid(`sort key "${key}" is not supported; use one of ${keys.join(", ")}`);
    if (dir !== "asc" && dir !== "desc") throw invalid(`sort direction "${dir}" must be asc or desc`);
    return { key, sign: dir === "asc" ? 1 : -1 };
  });
  return [...rows].sort((a, b) => {
    for (const s of specs) {
      const c = compare(a[s.key], b[s.key]);
      if (c !== 0) return c * s.sign;
    }
    return compare(a.id, b.id);
  });
}

const CSBS_PAGING: PagingDialect = {
  maxLimit: MAX_PAGE,
  minLimit: 1,
  integer: /^\s*-?\d+\s*$/,
  emptyIsAbsent: true,
  offset: true,
  nextLinkWhen: "page-full",
  nextLinkSetsLimit: true,
  refuse: (problem) => {
    switch (problem.kind) {
      case "limit-not-integer":
        return invalid(`limit is "${problem.raw}"; limit param must be an integer`);
      case "offset-not-integer":
        return invalid(`offset is "${problem.raw}"; offset param must be an integer`);
      case "limit-too-small":
        return invalid(`limit is ${problem.value}; limit param must be positive`);
      case "offset-negative":
        return invalid(`offset is ${problem.value}; offset param must be non-negative`);
      case "marker-not-found":
        return invalid(`marker ${problem.marker} is not an item of this list; use the id of the last item of the previous page`);
    }
  },
};

/** One page after marker/offset, and the next link when the page is full (a full page always gets one). */
export function paginate<T extends Pageable>(rows: T[], query: URLSearchParams, selfUrl: string):
  { page: T[]; links?: Array<{ rel: string; href: string }> } {
  const p = paginateRows(rows, query, selfUrl, CSBS_PAGING);
  return { page: p.items, ...(p.next ? { links: [p.next] } : {}) };
}
