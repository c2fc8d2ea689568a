/**
 * karbor/db/sqlalchemy/api.py's list queries over rows the routes hand in as model columns: the model's
 * exact-match filters (a list, tuple or set value is an IN test, an empty one matches nothing), its regex
 * filters (only string values; MySQL's REGEXP as devstack deploys it: an unanchored search, case-insensitive
 * under the default collation), `process_sort_params` (created_at and id appended in the first direction),
 * the marker (rows strictly after the marker row in sort order, as oslo.db's `paginate_query`), then offset and
 * limit. What goes wrong is reported as a {@link DbProblem}; each controller answers it its own way.
 */
import { pyStr, type PyValue } from "./python-literal";

/** A row as the model's columns; JSON columns hold the text Karbor stores (see python-json.ts). */
export type Columns = Record<string, string | number | boolean | null>;

export interface ModelRules {
  /** The model's columns: sort keys and `is_valid_model_filters` are checked against these. */
  columns: readonly string[];
  exact: readonly string[];
  regex: readonly string[];
  /** Restores and operation logs: any key that is not a column → no rows; every filter is an exact match. */
  everyFilterExact?: boolean;
}

export type DbProblem =
  | { kind: "bad-sort-dir"; message: string }
  | { kind: "bad-sort-key"; key: string }
  | { kind: "marker-not-found"; marker: string }
  | { kind: "bad-regex"; pattern: string };

export class DbQueryError extends Error {
  constructor(readonly problem: DbProblem) {
    super(problem.kind);
  }
}

export interface DbQuery {
  filters: Map<string, PyValue>;
  sortKeys: string[];
  sortDirs: string[];
  marker: string | null;
  limit: number;
  /** Triggers and scheduled operations never pass it on. */
  offset: number;
}

/** `process_sort_params(keys, dirs, default_dir='desc')`. */
export function processSortParams(keys: string[], dirs: string[]): Array<{ key: string; sign: number }> {
  const first = dirs[0] ?? "desc";
  for (const d of dirs) if (d !== "asc" && d !== "desc") throw new DbQueryError({ kind: "bad-sort-dir", message: "Unknown sort direction, must be 'desc' or 'asc'." });
  if (dirs.length > keys.length) throw new DbQueryError({ kind: "bad-sort-dir", message: "Sort direction array size exceeds sort key array size." });
  const out = keys.map((key, i) => ({ key, dir: dirs[i] ?? first }));
  for (const key of ["created_at", "id"]) if (!keys.includes(key)) out.push({ key, dir: first });
  return out.map(({ key, dir }) => ({ key, sign: dir === "asc" ? 1 : -1 }));
}

function text(v: Columns[string] | undefined): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "boolean") return v ? "1" : "0";
  return String(v);
}

function exactMatch(row: Columns, key: string, want: PyValue): boolean {
  const have = text(row[key]);
  if (want.kind === "list" || want.kind === "tuple" || want.kind === "set") return want.items.some((i) => have === pyStr(i));
  if (want.kind === "none") return have === null;
  return have === pyStr(want);
}

function regexOf(pattern: string): RegExp {
  try {
    return new RegExp(pattern, "iu");
  } catch {
    throw new DbQueryError({ kind: "bad-regex", pattern });
  }
}

/** The model's `_process_*_filters`. */
function filterRows<R>(rows: R[], cols: (r: R) => Columns, filters: Map<string, PyValue>, rules: ModelRules): R[] {
  if (rules.everyFilterExact) {
    return rows.filter((r) => [...filters].every(([k, v]) => exactMatch(cols(r), k, v)));
  }
  const exact = rules.exact.filter((k) => filters.has(k));
  for (const k of exact) {
    const v = filters.get(k)!;
    if ((v.kind === "list" || v.kind === "tuple" || v.kind === "set") && v.items.length === 0) return [];
  }
  const regexes = rules.regex.flatMap((k) => {
    const v = filters.get(k);
    return v?.kind === "str" ? [{ key: k, re: regexOf(v.value) }] : [];
  });
  return rows.filter((r) => {
    const c = cols(r);
    return exact.every((k) => exactMatch(c, k, filters.get(k)!)) && regexes.every(({ key, re }) => {
      const t = text(c[key]);
      return t !== null && re.test(t);
    });
  });
}

/** ORDER BY under MySQL's default case-insensitive collation; NULL sorts first ascending. */
function compare(a: Columns[string] | undefined, b: Columns[string] | undefined): number {
  const x = text(a);
  const y = text(b);
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  const lx = x.toLowerCase();
  const ly = y.toLowerCase();
  if (lx !== ly) return lx < ly ? -1 : 1;
  return x < y ? -1 : 1;
}

/**
 * One page of `rows`. `findMarker` is the model's get by id (with its own visibility), used only to learn
 * the marker row's sort values.
 */
export function runQuery<R>(rows: R[], cols: (r: R) => Columns, q: DbQuery, rules: ModelRules, findMarker: (id: string) => R | undefined): R[] {
  // restore_get_all and operation_log_get_all give up before sorting or reading the marker.
  if (rules.everyFilterExact && [...q.filters.keys()].some((k) => !rules.columns.includes(k))) return [];
  const order = processSortParams(q.sortKeys, q.sortDirs);
  const filtered = filterRows(rows, cols, q.filters, rules);
  let markerCols: Columns | undefined;
  if (q.marker !== null) {
    const m = findMarker(q.marker);
    if (m === undefined) throw new DbQueryError({ kind: "marker-not-found", marker: q.marker });
    markerCols = cols(m);
  }
  for (const { key } of order) if (!rules.columns.includes(key)) throw new DbQueryError({ kind: "bad-sort-key", key });
  const byOrder = (a: Columns, b: Columns): number => {
    for (const { key, sign } of order) {
      const c = compare(a[key], b[key]);
      if (c !== 0) return c * sign;
    }
    return 0;
  };
  const sorted = filtered.map((r) => ({ r, c: cols(r) })).sort((a, b) => byOrder(a.c, b.c));
  const after = markerCols === undefined ? sorted : sorted.filter((x) => byOrder(x.c, markerCols!) > 0);
  return after.slice(q.offset, q.offset + q.limit).map((x) => x.r);
}
