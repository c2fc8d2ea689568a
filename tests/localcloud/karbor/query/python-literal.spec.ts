import assert from "node:assert/strict";
import { literalEval, pyStr } from "../../../../localcloud/karbor/query/python-literal";

describe("localcloud Karbor filter values read as Python literals", () => {
  it("reads integers and floats as Python writes them, signs and underscores included", () => {
    assert.deepEqual(literalEval("123"), { kind: "int", value: 123 });
    assert.deepEqual(literalEval("-1_000"), { kind: "int", value: -1000 });
    assert.deepEqual(literalEval("0x1f"), { kind: "int", value: 31 });
    assert.deepEqual(literalEval("1.5e3"), { kind: "float", value: 1500 });
    assert.deepEqual(literalEval("  7"), { kind: "int", value: 7 }, "leading blanks are stripped");
  });

  it("keeps the text where Python raises: leading zeros, dates, names, uuids, unbalanced brackets", () => {
    for (const text of ["007", "2020-01-01", "web", "true", "3f1c8f6e-0000-4000-8000-000000000000", "[1,", "1e", "{}", "{'a': 1}"]) {
      assert.deepEqual(literalEval(text), { kind: "str", value: text }, text);
    }
  });

  it("reads True, False, None, quoted strings and sequences", () => {
    assert.deepEqual(literalEval("True"), { kind: "bool", value: true });
    assert.deepEqual(literalEval("None"), { kind: "none" });
    assert.deepEqual(literalEval("'a\\'b'"), { kind: "str", value: "a'b" });
    assert.deepEqual(literalEval("['a', 2]"), { kind: "list", items: [{ kind: "str", value: "a" }, { kind: "int", value: 2 }] });
    assert.deepEqual(literalEval("(1,)"), { kind: "tuple", items: [{ kind: "int", value: 1 }] });
    assert.deepEqual(literalEval("(1)"), { kind: "int", value: 1 }, "parentheses alone make no tuple");
    assert.deepEqual(literalEval("{1, 2}").kind, "set");
  });

  it("writes values back as Python's str() does", () => {
    assert.equal(pyStr(literalEval("1")), "1");
    assert.equal(pyStr(literalEval("True")), "True");
    assert.equal(pyStr(literalEval("2.0")), "2.0");
    assert.equal(pyStr(literalEval("['a', 1]")), "['a', 1]");
    assert.equal(pyStr(literalEval("(1,)")), "(1,)");
  });
});
