/**
 * Karbor's list rules: `limit` a positive integer (default and maximum 1000), `marker` an id, `sort=key[:dir],…`
 * (default created_at:desc) or the older sort_key/sort_dir (not both), a `<name>_links` next link on a full page.
 */
import { paginate, type PagingDialect } from "../../core/paging";
import { badRequest } from "../faults";

export const MAX_LIMIT = 1000;

export interface Row {
  id: string;
  created_at: string;
  [key: string]: unknown;
}

function sortSpecs(query: URLSearchParams): Array<{ key: string; sign: number }> {
  const sort = query.get("sort");
  const key = query.get("sort_key");
  const dir = query.get("sort_dir");
  if (sort && (key || dir)) throw badRequest("The sort_key and sort_dir parameters are deprecated and cannot be used with the sort parameter.");
  const text = sort ?? `${key ?? "created_at"}:${dir ?? "desc"}`;
  return text.split(",").filter((s) => s.trim() !== "").map((part) => {
    const [k, d = "desc"] = part.trim().split(":");
    if (d !== "asc" && d !== "desc") throw badRequest(`Invalid input received: sort direction "${d}" must be asc or desc`);
    return { key: k, sign: d === "asc" ? 1 : -1 };
  });
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  return String(a) < String(b) ? -1 : 1;
}

const KARBOR_PAGING: PagingDialect = {
  maxLimit: MAX_LIMIT,
  minLimit: 1,
  integer: /^\s*-?\d+\s*$/,
  emptyIsAbsent: true,
  offset: false,
  nextLinkWhen: "page-full",
  nextLinkSetsLimit: true,
  refuse: (problem) => {
    switch (problem.kind) {
      case "limit-not-integer":
      case "offset-not-integer":
        return badRequest("limit param must be an integer");
      case "limit-too-small":
      case "offset-negative":
        return badRequest("limit param must be positive");
      case "marker-not-found":
        return badRequest(`Marker ${problem.marker} could not be found.`);
    }
  },
};

/** Sorts, then cuts one page after `marker`; `self` is the list URL for the next link. */
export function page<T extends Row>(rows: T[], query: URLSearchParams, self: string): { items: T[]; links?: Array<{ rel: string; href: string }> } {
  const specs = sortSpecs(query);
  const sorted = [...rows].sort((a, b) => {
    for (const s of specs) {
      const c = compare(a[s.key], b[s.key]);
      if (c !== 0) return c * s.sign;
    }
    return compare(b.id, a.id);
  });
  const p = paginate(sorted, query, self, KARBOR_PAGING);
  return { items: p.items, ...(p.next ? { links: [p.next] } : {}) };
}

/** Keeps rows whose `field` equals the query value (when the query has it). */
export function filterBy<T>(rows: T[], query: URLSearchParams, field: string, get: (row: T) => unknown): T[] {
  const want = query.get(field);
  return want === null ? rows : rows.filter((r) => String(get(r) ?? "") === want);
}
