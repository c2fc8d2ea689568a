/**
 * The `index` of Karbor's list controllers as one flow: paging and sort parameters (./list-params.ts), what a
 * non-admin may filter by (`utils.remove_invalid_filter_options`), `utils.check_filters` (./python-literal.ts),
 * `utils.get_bool_param('all_tenants')`, which projects are visible, the db query (./db-query.ts), and the
 * `<collection>_links` next link of `ViewBuilder._get_collection_links`. Routes declare an {@link IndexSpec}.
 */
import type { CloudContext, CloudRequest } from "../../core/contracts";
import { withMarkerLast } from "../../core/python-text";
import type { UpstreamException } from "../../core/upstream-exception";
import { invalidInput, invalidParameterValue, karborFault, unexpectedApiError } from "../faults";
import type { Scope } from "../routes/common";
import { DbQueryError, runQuery, type Columns, type DbProblem, type ModelRules } from "./db-query";
import { readListParams } from "./list-params";
import { literalEval, pyStr, type PyValue } from "./python-literal";

export interface IndexSpec<R> {
  /**
   * "project": plans, restores, operation logs (an admin's all_tenants=1 lists every project, narrowed by a
   * `project_id` filter; otherwise the token's project; db errors reach the fault wrapper as they are).
   * "engine": triggers and scheduled operations (same visibility, but offset is ignored and every db error
   * becomes the controller's 500 "Unexpected API Error").
   */
  style: "project" | "engine";
  /** The URL segment of the next link, after `/v1/{project_id}/`. */
  collection: string;
  /** The filters a non-admin may use (CONF.query_*_filters or the controller's valid_filters). */
  userFilters: readonly string[];
  rules: ModelRules;
  columns(row: R): Columns;
  /** The model's get by id, for the marker: Karbor looks a plan up in the caller's project, the rest anywhere. */
  findMarker(id: string, scope: Scope): R | undefined;
  notFound(id: string): UpstreamException;
}

export interface IndexPage<R> {
  items: R[];
  links?: Array<{ rel: "next"; href: string }>;
}

/** webob's HTTPInternalServerError explanation: what the fault wrapper sends for an exception it cannot name. */
export const GENERIC_500 = "The server has either erred or is incapable of performing the requested operation.";

/** `utils.get_bool_param`: only true/false/yes/no/y/n/1/0 (any case) are booleans. */
export function getBoolParam(name: string, filters: Map<string, PyValue>): boolean {
  const v = filters.get(name);
  const text = v === undefined ? "False" : pyStr(v);
  const lower = text.toLowerCase();
  if (!["true", "false", "yes", "no", "y", "n", "1", "0"].includes(lower)) {
    throw invalidParameterValue(`Value ${text} for ${name} is not a boolean.`);
  }
  return ["true", "yes", "y", "1"].includes(lower);
}

function refuse<R>(spec: IndexSpec<R>, p: DbProblem): UpstreamException {
  if (spec.style === "engine") {
    const cause = p.kind === "bad-sort-dir" ? `Invalid input received: ${p.message}`
      : p.kind === "marker-not-found" ? spec.notFound(p.marker).detail
      : p.kind === "bad-sort-key" ? "<class 'oslo_db.exception.InvalidSortKey'>"
      : "<class 'oslo_db.exception.DBError'>";
    return unexpectedApiError(cause);
  }
  if (p.kind === "bad-sort-dir") return invalidInput(p.message);
  if (p.kind === "marker-not-found") return spec.notFound(p.marker);
  return karborFault(500, GENERIC_500);
}

/**
 * `_get_collection_links`: a next link whenever the page is full, to `/v1/{token's project}/{collection}` with
 * the request's parameters and `marker` moved to the end.
 */
export function collectionLinks<R extends { id: string }>(ctx: CloudContext, req: CloudRequest, s: Scope, collection: string, items: R[], limit: number): IndexPage<R> {
  if (items.length === 0 || limit > items.length) return { items };
  const query = withMarkerLast(req.query, items[items.length - 1]!.id);
  return { items, links: [{ rel: "next", href: `${ctx.baseUrl()}/karbor/v1/${s.auth.projectId}/${collection}?${query}` }] };
}

/** The filters left after `remove_invalid_filter_options` and `check_filters`. */
export function readFilters(rest: Array<[string, string]>, s: Scope, userFilters: readonly string[]): Map<string, PyValue> {
  const filters = new Map<string, PyValue>();
  for (const [k, v] of rest) if (s.auth.isAdmin || userFilters.includes(k)) filters.set(k, literalEval(v));
  return filters;
}

export function listIndex<R extends { id: string }>(ctx: CloudContext, req: CloudRequest, s: Scope, rows: R[], spec: IndexSpec<R>): IndexPage<R> {
  const params = readListParams(req.query);
  const filters = readFilters(params.rest, s, spec.userFilters);
  const allTenants = getBoolParam("all_tenants", filters);
  const everyProject = s.auth.isAdmin && allTenants;
  if (!everyProject) filters.set("project_id", { kind: "str", value: s.auth.projectId });
  else if (spec.style === "project") filters.delete("all_tenants");
  let items: R[];
  try {
    items = runQuery(rows, (r) => spec.columns(r), {
      filters, sortKeys: params.sortKeys, sortDirs: params.sortDirs, marker: params.marker, limit: params.limit,
      offset: spec.style === "engine" ? 0 : params.offset,
    }, spec.rules, (id) => spec.findMarker(id, s));
  } catch (e) {
    if (e instanceof DbQueryError) throw refuse(spec, e.problem);
    throw e;
  }
  return collectionLinks(ctx, req, s, spec.collection, items, params.limit);
}
