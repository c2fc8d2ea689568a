/**
 * Karbor runs every list filter value through Python's `ast.literal_eval` (`utils.check_filters`) and keeps
 * the text when that fails: `name=123` becomes the integer 123 (which the regex filters then skip),
 * `status=['a','b']` a list (an IN filter). This reads the literals a query string can carry in practice:
 * integers and floats (with sign, `_`, 0x/0o/0b), True/False/None, quoted strings, and lists, tuples and sets
 * of them. Anything else stays text, as the `(ValueError, SyntaxError)` fallback leaves it.
 */

export type PyValue =
  | { kind: "str"; value: string }
  | { kind: "int" | "float"; value: number }
  | { kind: "bool"; value: boolean }
  | { kind: "none" }
  | { kind: "list" | "tuple" | "set"; items: PyValue[] };

class Reader {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void {
    while (this.i < this.s.length && " \t\n\r\f\v".includes(this.s[this.i]!)) this.i++;
  }
  peek(): string {
    return this.s[this.i] ?? "";
  }
}

const INT_RE = /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|[1-9](?:_?\d)*|0(?:_?0)*)/;
const FLOAT_RE = /^(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*[eE][+-]?\d(?:_?\d)*)/;

function intValue(text: string): number {
  const t = text.replace(/_/g, "").toLowerCase();
  if (t.startsWith("0o")) return parseInt(t.slice(2), 8);
  if (t.startsWith("0b")) return parseInt(t.slice(2), 2);
  return Number(t);
}

function number(r: Reader): PyValue | undefined {
  const rest = r.s.slice(r.i);
  const f = FLOAT_RE.exec(rest);
  const n = INT_RE.exec(rest);
  if (f && (!n || f[0].length > n[0].length)) {
    r.i += f[0].length;
    return { kind: "float", value: Number(f[0].replace(/_/g, "")) };
  }
  if (!n) return undefined;
  r.i += n[0].length;
  return { kind: "int", value: intValue(n[0]) };
}

const ESCAPES: Record<string, string> = { "\\": "\\", "'": "'", '"': '"', n: "\n", t: "\t", r: "\r", "0": "\0" };

function str(r: Reader): PyValue | undefined {
  const quote = r.peek();
  r.i++;
  let out = "";
  while (r.i < r.s.length) {
    const c = r.s[r.i++]!;
    if (c === quote) return { kind: "str", value: out };
    if (c === "\n") return undefined;
    if (c === "\\") {
      const e = r.s[r.i++] ?? "";
      out += ESCAPES[e] ?? `\\${e}`;
    } else out += c;
  }
  return undefined;
}

function sequence(r: Reader, close: string, kind: "list" | "tuple" | "set"): PyValue | undefined {
  r.i++;
  const items: PyValue[] = [];
  let sawComma = false;
  for (;;) {
    r.ws();
    if (r.peek() === close) {
      r.i++;
      // `(x)` is x itself, `(x,)` a tuple; `{}` is a dict, which this reader leaves as text.
      if (kind === "tuple" && items.length === 1 && !sawComma) return items[0];
      if (kind === "set" && items.length === 0) return undefined;
      return { kind, items };
    }
    if (items.length > 0) {
      if (r.peek() !== ",") return undefined;
      r.i++;
      sawComma = true;
      r.ws();
      if (r.peek() === close) continue;
    }
    const v = value(r);
    if (!v) return undefined;
    items.push(v);
  }
}

function value(r: Reader): PyValue | undefined {
  r.ws();
  const c = r.peek();
  if (c === "'" || c === '"') return str(r);
  if (c === "[") return sequence(r, "]", "list");
  if (c === "(") return sequence(r, ")", "tuple");
  if (c === "{") return sequence(r, "}", "set");
  if (c === "-" || c === "+") {
    r.i++;
    r.ws();
    const n = number(r);
    if (!n || n.kind !== "int" && n.kind !== "float") return undefined;
    return c === "-" ? { kind: n.kind, value: -n.value } : n;
  }
  const word = /^[A-Za-z_]\w*/.exec(r.s.slice(r.i))?.[0];
  if (word !== undefined) {
    r.i += word.length;
    if (word === "True" || word === "False") return { kind: "bool", value: word === "True" };
    return word === "None" ? { kind: "none" } : undefined;
  }
  const n = number(r);
  if (n && /^[A-Za-z_\d]/.test(r.peek())) return undefined;
  return n;
}

/** `ast.literal_eval(text)`, or the text itself where Python would raise. */
export function literalEval(text: string): PyValue {
  const r = new Reader(text.replace(/^[ \t]+/, ""));
  const v = value(r);
  r.ws();
  return v && r.i === r.s.length ? v : { kind: "str", value: text };
}

function floatText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return `${n}.0`;
  return String(n).replace(/e\+?/, "e+").replace("e+-", "e-");
}

/** Python's `str(value)`, e.g. for the message of a bad boolean or the text an exact filter compares. */
export function pyStr(v: PyValue): string {
  switch (v.kind) {
    case "str":
      return v.value;
    case "int":
      return String(v.value);
    case "float":
      return floatText(v.value);
    case "bool":
      return v.value ? "True" : "False";
    case "none":
      return "None";
    default: {
      const inner = v.items.map((i) => (i.kind === "str" ? `'${i.value}'` : pyStr(i)));
      if (v.kind === "list") return `[${inner.join(", ")}]`;
      if (v.kind === "set") return `{${inner.join(", ")}}`;
      return inner.length === 1 ? `(${inner[0]},)` : `(${inner.join(", ")})`;
    }
  }
}
