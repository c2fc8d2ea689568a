/**
 * limit / marker / offset / sort of every CSBS list (Karbor's rules: limit a positive integer up to 1000,
 * offset a non-negative integer, sort `key[:asc|desc],...` default `created_at:desc`, a `<name>_links` next link
 * when the page is full).
 */
import { MAX_PAGE } from "../limits";
import { invalid } from "../errors";

export interface Pageable {
  id: string;
  [key: string]: unknown;
}

function intParam(query: URLSearchParams, name: string, min: number): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^-?\d+$/.test(raw.trim())) throw invalid(`${name} is "${raw}"; ${name} param must be an integer`);
  const n = Number(raw);
  if (n < min) throw invalid(`${name} is ${n}; ${name} param must be ${min === 1 ? "positive" : "non-negative"}`);
  return n;
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

/** One page after marker/offset, and the next link when the page is full. */
export function paginate<T extends Pageable>(rows: T[], query: URLSearchParams, selfUrl: string):
  { page: T[]; links?: Array<{ rel: string; href: string }> } {
  const limit = intParam(query, "limit", 1) ?? MAX_PAGE;
  const offset = intParam(query, "offset", 0) ?? 0;
  let start = 0;
  const marker = query.get("marker");
  if (marker) {
    const i = rows.findIndex((r) => r.id === marker);
    if (i < 0) throw invalid(`marker ${marker} is not an item of this list; use the id of the last item of the previous page`);
    start = i + 1;
  }
  start += offset;
  const size = Math.min(limit, MAX_PAGE);
  const page = rows.slice(start, start + size);
  // Like Karbor: a full page always gets a next link, even when nothing follows (the next page is empty).
  if (page.length < size) return { page };
  const next = new URLSearchParams(query);
  next.set("limit", String(size));
  next.set("marker", page[page.length - 1].id);
  next.delete("offset");
  return { page, links: [{ rel: "next", href: `${selfUrl}?${next.toString()}` }] };
}
