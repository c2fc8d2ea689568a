/**
 * Karbor's list rules: `limit` a positive integer (default and maximum 1000), `marker` an id, `sort=key[:dir],…`
 * (default created_at:desc) or the older sort_key/sort_dir (not both), a `<name>_links` next link on a full page.
 */
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

/** Sorts, then cuts one page after `marker`; `self` is the list URL for the next link. */
export function page<T extends Row>(rows: T[], query: URLSearchParams, self: string): { items: T[]; links?: Array<{ rel: string; href: string }> } {
  const rawLimit = query.get("limit");
  let limit = MAX_LIMIT;
  if (rawLimit !== null && rawLimit !== "") {
    if (!/^-?\d+$/.test(rawLimit.trim())) throw badRequest("limit param must be an integer");
    limit = Number(rawLimit);
    if (limit <= 0) throw badRequest("limit param must be positive");
    limit = Math.min(limit, MAX_LIMIT);
  }
  const specs = sortSpecs(query);
  const sorted = [...rows].sort((a, b) => {
    for (const s of specs) {
      const c = compare(a[s.key], b[s.key]);
      if (c !== 0) return c * s.sign;
    }
    return compare(b.id, a.id);
  });
  let start = 0;
  const marker = query.get("marker");
  if (marker) {
    const i = sorted.findIndex((r) => r.id === marker);
    if (i < 0) throw badRequest(`Marker ${marker} could not be found.`);
    start = i + 1;
  }
  const items = sorted.slice(start, start + limit);
  if (items.length < limit) return { items };
  const next = new URLSearchParams(query);
  next.set("limit", String(limit));
  next.set("marker", items[items.length - 1].id);
  return { items, links: [{ rel: "next", href: `${self}?${next.toString()}` }] };
}

/** Keeps rows whose `field` equals the query value (when the query has it). */
export function filterBy<T>(rows: T[], query: URLSearchParams, field: string, get: (row: T) => unknown): T[] {
  const want = query.get(field);
  return want === null ? rows : rows.filter((r) => String(get(r) ?? "") === want);
}
