import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { definedRules, RULE_IDS } from "../../provider/domain";
import { RULE_DOCS } from "../../provider/domain/rule-docs";
import { OPERATION_RULE_DOCS } from "../../sdk/operation-rule-docs";
import { ruleIdsInReadme, ruleTables, TABLE_END, TABLE_START, withRuleTables } from "../../scripts/rule-table";
import { REPO_ROOT } from "../support/engine";

/**
 * The README's troubleshooting tables list every rule id the code has, and only those. A new id fails here
 * until its row is in the README: add the row to provider/domain/rule-docs.ts (or sdk/operation-rule-docs.ts),
 * then `npm run docs -- --rules-only` rewrites the tables.
 */
const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
const FIX = "add its row to provider/domain/rule-docs.ts or sdk/operation-rule-docs.ts, then run `npm run docs -- --rules-only`";

describe("README rule tables", () => {
  const inCode = [...new Set([...RULE_IDS, ...definedRules(), ...Object.keys(OPERATION_RULE_DOCS)])];
  const inReadme = ruleIdsInReadme(readme);

  it("has a row for every rule id in the code", () => {
    const missing = inCode.filter((id) => !inReadme.includes(id));
    assert.deepEqual(missing, [], `rule ids without a row in the README's troubleshooting tables: ${FIX}`);
  });

  it("names no rule id that the code no longer has, and none twice", () => {
    const stale = inReadme.filter((id) => !inCode.includes(id));
    assert.deepEqual(stale, [], "README rows for rule ids the code does not have: remove them from the registry and run `npm run docs -- --rules-only`");
    assert.deepEqual(inReadme.filter((id, i) => inReadme.indexOf(id) !== i), [], "README rule ids listed twice");
  });

  it("is exactly what `npm run docs` writes from the registries", () => {
    assert.ok(readme.includes(TABLE_START) && readme.includes(TABLE_END), "the README lost its rule-table markers");
    const section = readme.slice(readme.indexOf(TABLE_START) + TABLE_START.length, readme.indexOf(TABLE_END)).trim();
    assert.equal(section, ruleTables(), "the README's rule tables differ from the registries: run `npm run docs -- --rules-only`");
    assert.equal(withRuleTables(readme), readme);
  });

  it("documents every check rule with a message and a fix", () => {
    for (const id of RULE_IDS) {
      const doc = RULE_DOCS[id];
      assert.ok(doc.message.trim().length > 0 && doc.fix.trim().length > 0, `${id} needs a message and a fix`);
    }
    // Every row of the generated tables has a rule, a message and a fix.
    const rows = ruleTables().split("\n").filter((l) => l.startsWith("| `"));
    assert.equal(rows.length, inCode.length);
    for (const r of rows) assert.match(r, /^\| `[^`]+` \| [^|]+ \| [^|]+ \|$/, r);
  });
});
