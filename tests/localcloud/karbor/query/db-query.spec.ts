import assert from "node:assert/strict";
import { DbQueryError, processSortParams, runQuery, type Columns, type DbQuery, type ModelRules } from "../../../../localcloud/karbor/query/db-query";
import { literalEval } from "../../../../localcloud/karbor/query/python-literal";

const RULES: ModelRules = { columns: ["id", "name", "status", "project_id", "created_at"], exact: ["project_id", "status"], regex: ["name"] };
const ROWS: Columns[] = [
  { id: "a", name: "web-1", status: "ok", project_id: "p", created_at: "2030-01-01" },
  { id: "b", name: "WEB-2", status: "bad", project_id: "p", created_at: "2030-01-02" },
  { id: "c", name: "db", status: "ok", project_id: "q", created_at: "2030-01-03" },
  { id: "d", name: null, status: "ok", project_id: "p", created_at: "2030-01-03" },
];

function query(filters: Record<string, string>, extra: Partial<DbQuery> = {}): string[] {
  const q: DbQuery = { filters: new Map(Object.entries(filters).map(([k, v]) => [k, literalEval(v)])), sortKeys: [], sortDirs: [], marker: null, limit: 1000, offset: 0, ...extra };
  return runQuery(ROWS, (r) => r, q, RULES, (id) => ROWS.find((r) => r.id === id)).map((r) => String(r.id));
}

function problem(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof DbQueryError);
    return e.problem.kind;
  }
  throw new Error("no problem");
}

describe("localcloud Karbor db queries (db/sqlalchemy/api.py)", () => {
  it("appends created_at and id in the first direction given", () => {
    assert.deepEqual(processSortParams(["name"], ["asc"]), [{ key: "name", sign: 1 }, { key: "created_at", sign: 1 }, { key: "id", sign: 1 }]);
    assert.deepEqual(processSortParams([], []).map((o) => o.sign), [-1, -1]);
  });

  it("matches regex filters without anchors or case, never on NULL; exact filters as text, lists as IN", () => {
    assert.deepEqual(query({ name: "web" }), ["b", "a"]);
    assert.deepEqual(query({ name: "^w.*1$" }), ["a"]);
    assert.deepEqual(query({ name: "." , project_id: "p" }), ["b", "a"]);
    assert.deepEqual(query({ status: "['bad', 'none']" }), ["b"]);
    assert.deepEqual(query({ status: "[]" }), []);
    assert.deepEqual(query({ name: "5" }), ["d", "c", "b", "a"], "a number is no regex");
  });

  it("pages strictly after the marker in sort order, then offset, then limit", () => {
    assert.deepEqual(query({}, { sortKeys: ["created_at"], sortDirs: ["asc"], marker: "b" }), ["c", "d"]);
    assert.deepEqual(query({}, { marker: "d", limit: 1 }), ["c"]);
    assert.deepEqual(query({}, { offset: 1, limit: 2 }), ["c", "b"]);
  });

  it("reports a bad direction, an unknown sort key, a missing marker and a broken regex", () => {
    assert.equal(problem(() => query({}, { sortKeys: ["name"], sortDirs: ["up"] })), "bad-sort-dir");
    assert.equal(problem(() => query({}, { sortKeys: ["colour"], sortDirs: ["asc"] })), "bad-sort-key");
    assert.equal(problem(() => query({}, { marker: "zz" })), "marker-not-found");
    assert.equal(problem(() => query({ name: "(" })), "bad-regex");
  });

  it("gives no rows for a filter outside the table where every filter is exact", () => {
    const strict: ModelRules = { ...RULES, exact: [], regex: [], everyFilterExact: true };
    const q: DbQuery = { filters: new Map([["colour", literalEval("red")]]), sortKeys: ["nope"], sortDirs: ["up"], marker: "zz", limit: 10, offset: 0 };
    assert.deepEqual(runQuery(ROWS, (r) => r, q, strict, () => undefined), [], "before the sort or the marker is read");
    q.filters = new Map([["status", literalEval("ok")], ["project_id", literalEval("p")]]);
    q.sortKeys = [];
    q.sortDirs = [];
    q.marker = null;
    assert.deepEqual(runQuery(ROWS, (r) => r, q, strict, () => undefined).map((r) => r.id), ["d", "a"]);
  });
});
