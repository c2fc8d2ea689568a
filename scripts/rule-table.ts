/**
 * The README's tables of rule ids, written from the code's registries (provider/domain/rule-docs.ts for check
 * failures, sdk/operation-rule-docs.ts for lookups and operations). `npm run docs` (scripts/docs.js) puts them
 * between the markers; tests/docs/rule-table.spec.ts fails when the README's tables differ from these.
 */
import { RULE_DOCS, type RuleDoc } from "../provider/domain/rule-docs";
import { RULE_IDS } from "../provider/domain/rule-ids";
import { OPERATION_RULE_DOCS } from "../sdk/operation-rule-docs";

export const TABLE_START = "<!-- rule-table:start: written by `npm run docs` from provider/domain/rule-docs.ts and sdk/operation-rule-docs.ts -->";
export const TABLE_END = "<!-- rule-table:end -->";

/** The README text between the markers (markers excluded). */
export function ruleTables(): string {
  // Check rules in RULE_IDS order, which groups them by subject; operation rules in their declared order.
  const checks = RULE_IDS.map((id) => row(id, RULE_DOCS[id]));
  const operations = Object.entries(OPERATION_RULE_DOCS).map(([id, doc]) => row(id, doc));
  return [
    "Check failures (`pulumi preview`, `pulumi up`, and the SDK when a resource is declared), by `rule`:",
    "",
    "| rule | message | fix |",
    "|---|---|---|",
    ...checks,
    "",
    "Lookups and day-2 operations (`getPolicy`, `runPolicyNow`, `restoreServer`, the `pulumi-csbs` CLI) throw `OperationError`, by `rule`:",
    "",
    "| rule | message | fix |",
    "|---|---|---|",
    ...operations,
  ].join("\n");
}

/** `readme` with the tables between the markers replaced by {@link ruleTables}. */
export function withRuleTables(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${TABLE_START} ... ${TABLE_END} section; put both markers in its Troubleshooting section`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${ruleTables()}\n${readme.slice(end)}`;
}

/** The rule ids named in the first column of the README's rule tables. */
export function ruleIdsInReadme(readme: string): string[] {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return [];
  return [...readme.slice(start, end).matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
}

function row(id: string, doc: RuleDoc): string {
  return `| \`${id}\` | ${cell(doc.message)} | ${cell(doc.fix)} |`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
