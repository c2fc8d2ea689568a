/**
 * What karbor/api/common.py takes out of a list request before the rest becomes filters:
 * `get_pagination_params` (limit, marker, offset) and `get_sort_params` (sort, or the older sort_key/sort_dir).
 * Each parameter is popped once, as from webob's MultiDict: the first occurrence is read, a repeat stays behind
 * as a filter.
 */
import { pythonInt } from "../../core/python-text";
import { badRequest } from "../faults";

/** CONF.osapi_max_limit. */
export const MAX_LIMIT = 1000;
/** karbor.db.MAX_INT, the largest offset. */
const MAX_INT = 0x7fffffff;

export interface ListParams {
  limit: number;
  marker: string | null;
  offset: number;
  sortKeys: string[];
  sortDirs: string[];
  /** What is left, in order: the filters before `remove_invalid_filter_options`. */
  rest: Array<[string, string]>;
}

export { pythonInt };

function pop(rest: Array<[string, string]>, name: string): string | undefined {
  const i = rest.findIndex(([k]) => k === name);
  if (i < 0) return undefined;
  return rest.splice(i, 1)[0]![1];
}

/** `_get_limit_param`: absent → the maximum; otherwise an integer above 0, capped at the maximum. */
export function readLimit(raw: string | undefined): number {
  if (raw === undefined) return MAX_LIMIT;
  const n = pythonInt(raw);
  if (n === undefined) throw badRequest("limit param must be an integer");
  if (n <= 0) throw badRequest("limit param must be positive");
  return Math.min(n, MAX_LIMIT);
}

/** `utils.validate_integer(offset, 'offset', 0, MAX_INT)`. */
function readOffset(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const n = pythonInt(raw);
  if (n === undefined) throw badRequest("offset must be an integer.");
  if (n < 0) throw badRequest("offset must be >= 0");
  if (n > MAX_INT) throw badRequest(`offset must be <= ${MAX_INT}`);
  return n;
}

function readSort(rest: Array<[string, string]>): { sortKeys: string[]; sortDirs: string[] } {
  const has = (k: string) => rest.some(([key]) => key === k);
  if (has("sort") && (has("sort_key") || has("sort_dir"))) {
    throw badRequest("The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be used with the 'sort' parameter.");
  }
  const sortKeys: string[] = [];
  const sortDirs: string[] = [];
  const sort = pop(rest, "sort");
  if (sort !== undefined) {
    for (const part of sort.trim().split(",")) {
      const colon = part.indexOf(":");
      const key = colon < 0 ? part : part.slice(0, colon);
      const dir = colon < 0 ? "" : part.slice(colon + 1);
      sortKeys.push(key.trim());
      sortDirs.push((dir || "desc").trim());
    }
  } else {
    sortKeys.push((pop(rest, "sort_key") ?? "created_at").trim());
    sortDirs.push((pop(rest, "sort_dir") ?? "desc").trim());
  }
  return { sortKeys, sortDirs };
}

/** Reads a list request's query the way every Karbor `index` does, in upstream's order of checks. */
export function readListParams(query: URLSearchParams): ListParams {
  const rest: Array<[string, string]> = [...query.entries()];
  const limit = readLimit(pop(rest, "limit"));
  const marker = pop(rest, "marker") ?? null;
  const offset = readOffset(pop(rest, "offset"));
  return { limit, marker, offset, ...readSort(rest), rest };
}
