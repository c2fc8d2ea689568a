/**
 * How the Python services read and write query text, for the dialects that imitate them: `int()` of a query
 * value and `urllib.parse.urlencode` of a next link's parameters.
 */

/** Python's `int(text)` for a str: surrounding whitespace, a sign, digits with single underscores; else undefined. */
export function pythonInt(text: string): number | undefined {
  const m = /^\s*([+-]?)(\d(?:_?\d)*)\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[2]!.replace(/_/g, ""));
  return m[1] === "-" ? -n : n;
}

/** Python's `urlencode` (quote_plus: only letters, digits and `_.-~` stay as they are, a space is `+`). */
export function pythonUrlencode(pairs: Array<[string, string]>): string {
  const q = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, "+");
  return pairs.map(([k, v]) => `${q(k)}=${q(v)}`).join("&");
}

/** A next link's query: the request's parameters with `marker` set last, as webob's MultiDict assignment does. */
export function withMarkerLast(query: URLSearchParams, marker: string): string {
  const pairs = [...query.entries()].filter(([k]) => k !== "marker");
  pairs.push(["marker", marker]);
  return pythonUrlencode(pairs);
}
