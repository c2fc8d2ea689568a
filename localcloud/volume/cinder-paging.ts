/**
 * Cinder's volume paging as cinder/api/common.py and its db layer answer it: `limit` read with `int()` (absent →
 * 1000, the cap; not an integer → 400 `limit param must be an integer`; negative → `limit param must be
 * positive`; 0 is an empty page), `offset` through oslo's `validate_integer` (0 to 2^31−1), then the marker,
 * looked up as a volume (missing → VolumeNotFound, 404). A next link follows every full page, to
 * `/v3/{project}/volumes` with the request's parameters and `marker` moved last.
 */
import { pythonInt, withMarkerLast } from "../core/python-text";
import { exceptionOf, httpError } from "../core/upstream-exception";

const MAX_LIMIT = 1000;
const DB_MAX_INT = 0x7fffffff;

const volumeNotFound = exceptionOf("volume", "NotFound");

function first(query: URLSearchParams, name: string): string | undefined {
  return query.get(name) ?? undefined;
}

function readLimit(raw: string | undefined): number {
  if (raw === undefined) return MAX_LIMIT;
  const n = pythonInt(raw);
  if (n === undefined) throw httpError("volume", 400, "limit param must be an integer");
  if (n < 0) throw httpError("volume", 400, "limit param must be positive");
  return Math.min(n, MAX_LIMIT);
}

/** oslo's `strutils.validate_integer(value, 'offset', 0, DB_MAX_INT)`, its ValueError turned into a 400. */
function readOffset(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const n = pythonInt(raw);
  if (n === undefined) throw httpError("volume", 400, "offset must be an integer");
  if (n < 0) throw httpError("volume", 400, "offset must be >= 0");
  if (n > DB_MAX_INT) throw httpError("volume", 400, `offset must be <= ${DB_MAX_INT}`);
  return n;
}

export interface CinderPage<T> {
  items: T[];
  links?: Array<{ rel: "next"; href: string }>;
}

/** One page of `rows` (in list order); `collectionUrl` is `{base}/volume/v3/{project}/volumes`. */
export function cinderPage<T extends { id: string }>(rows: T[], query: URLSearchParams, collectionUrl: string): CinderPage<T> {
  const limit = readLimit(first(query, "limit"));
  const marker = first(query, "marker");
  const offset = readOffset(first(query, "offset"));
  let start = 0;
  if (marker !== undefined) {
    const at = rows.findIndex((r) => r.id === marker);
    if (at < 0) throw volumeNotFound("VolumeNotFound", `Volume ${marker} could not be found.`);
    start = at + 1;
  }
  const items = rows.slice(start + offset, start + offset + limit);
  if (items.length === 0 || limit > items.length) return { items };
  return { items, links: [{ rel: "next", href: `${collectionUrl}?${withMarkerLast(query, items[items.length - 1]!.id)}` }] };
}
