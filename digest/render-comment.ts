/**
 * The pull-request comment: a digest first (per stack the creates, updates, replaces and deletes; every policy
 * violation on one line; the servers each policy will hold), then the full diff folded. It never exceeds
 * GitHub's comment size: the diff, then the violation list, are cut to fit, with a note where the full log is.
 */
import { serverCountsPerPolicy } from "./server-counts";
import type { PreviewRecord, PreviewStep } from "./preview-record";

/** GitHub's limit on an issue or pull-request comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65536;

/** The first line of every comment, so a workflow finds and updates its own comment. */
export const COMMENT_MARKER = "<!-- csbs-preview -->";

export interface StackPreview {
  stack: string;
  record: PreviewRecord;
}

export interface CommentOptions {
  /** Where the full preview log is (the workflow run), named in the cut note. */
  logUrl?: string;
  /** @default GITHUB_COMMENT_LIMIT */
  maxChars?: number;
}

const OPS: Array<[string, string]> = [["create", "creates"], ["update", "updates"], ["replace", "replaces"], ["delete", "deletes"]];
const SIGN: Record<string, string> = { create: "+", update: "~", replace: "+-", "create-replacement": "+-", "delete-replaced": "-", delete: "-", same: " " };

export function renderComment(stacks: readonly StackPreview[], options: CommentOptions = {}): string {
  const max = options.maxChars ?? GITHUB_COMMENT_LIMIT;
  const where = options.logUrl ? `the full preview is in the workflow log: ${options.logUrl}` : "the full preview is in the workflow log";
  const failed = stacks.some((s) => s.record.result === "failed" || s.record.errors.length > 0 || s.record.violations.some((v) => v.enforcementLevel === "mandatory"));
  const head = [
    COMMENT_MARKER,
    `### pulumi preview ${failed ? "FAILS" : "passes"}`,
    "",
    "| stack | creates | updates | replaces | deletes | policy violations |",
    "|---|---:|---:|---:|---:|---|",
    ...stacks.map(({ stack, record }) => `| ${stack} | ${OPS.map(([op]) => record.changes[op] ?? 0).join(" | ")} | ${violationCounts(record)} |`),
    "",
  ];
  const errors = stacks.flatMap(({ stack, record }) => record.errors.filter((e) => e !== "preview failed").map((e) => `- ❌ ${stack}: ${oneLine(e)}`));
  const violations = stacks.flatMap(({ stack, record }) =>
    [...record.violations]
      .sort((a, b) => rank(a.enforcementLevel) - rank(b.enforcementLevel))
      .map((v) => `- ${v.enforcementLevel === "mandatory" ? "❌" : "⚠️"} ${stack} \`${v.policyName}\`${v.urn ? ` ${v.urn.split("::").pop()}` : ""}: ${oneLine(v.message)}`),
  );
  const counts = stacks.flatMap(({ stack, record }) =>
    serverCountsPerPolicy(record).map((c) => `| ${stack} | ${c.policy} | ${c.servers}${c.unknownLists > 0 ? ` (+ ${c.unknownLists} list(s) unknown until the update)` : ""} |`),
  );
  const countSection = counts.length > 0 ? ["**Servers per policy after the change**", "", "| stack | policy | servers |", "|---|---|---:|", ...counts, ""] : [];
  const diff = stacks.flatMap(({ stack, record }) => [`# ${stack}`, ...record.steps.filter((s) => s.op !== "same").flatMap(diffLines)]);

  let body = head.join("\n");
  const problems = [...errors, ...violations];
  const problemHeader = problems.length > 0 ? "**Errors and policy violations**\n\n" : "";
  const afterProblems = `\n${countSection.join("\n")}`;
  const diffOpen = `\n<details><summary>Full diff (${diff.length} lines)</summary>\n\n\`\`\`diff\n`;
  const diffClose = "\n```\n</details>\n";
  const cutNote = (n: number, what: string) => `… ${n} more ${what} cut to keep this comment under GitHub's ${max} characters; ${where}`;
  // Room for the diff section's frame and one cut note, so whatever is cut, the note still fits.
  const reserve = diffOpen.length + diffClose.length + cutNote(999999, "lines").length + 2;

  if (problems.length > 0) {
    body += `\n${problemHeader}`;
    const room = max - body.length - afterProblems.length - reserve - cutNote(999999, "violations").length - 1;
    const kept = fit(problems, room);
    body += kept.join("\n");
    if (kept.length < problems.length) body += `\n${cutNote(problems.length - kept.length, "violations")}`;
    body += "\n";
  }
  body += afterProblems;
  const room = max - body.length - reserve;
  const kept = fit(diff, room);
  const note = kept.length < diff.length ? `\n${cutNote(diff.length - kept.length, "lines")}` : "";
  body += `${diffOpen}${kept.join("\n")}${diffClose}${note}`;
  return body.length <= max ? body : body.slice(0, max);
}

function violationCounts(record: PreviewRecord): string {
  const mandatory = record.violations.filter((v) => v.enforcementLevel === "mandatory").length;
  const advisory = record.violations.length - mandatory;
  return record.violations.length === 0 ? "none" : `${mandatory} mandatory, ${advisory} advisory`;
}

function rank(level: string): number {
  return level === "mandatory" ? 0 : 1;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/** The longest prefix of `lines` whose joined length is at most `room`. */
function fit(lines: readonly string[], room: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > room) break;
    out.push(line);
    used += line.length + 1;
  }
  return out;
}

function diffLines(step: PreviewStep): string[] {
  const sign = SIGN[step.op] ?? "~";
  const lines = [`${sign} ${step.op} ${step.type} ${step.name}`];
  const shown = (v: unknown) => (v === "04da6b54-80e4-46f7-96ec-b56ff0331ba9" ? "[unknown]" : JSON.stringify(v));
  const visible = (k: string) => !k.startsWith("__");
  if (step.op === "create") {
    for (const [k, v] of Object.entries(step.inputs)) if (visible(k)) lines.push(`+     ${k}: ${shown(v)}`);
  } else if (step.op === "delete") {
    for (const [k, v] of Object.entries(step.oldInputs)) if (visible(k)) lines.push(`-     ${k}: ${shown(v)}`);
  } else {
    for (const k of step.diffs.filter(visible)) {
      lines.push(`-     ${k}: ${shown(step.oldInputs[k])}`);
      lines.push(`+     ${k}: ${shown(step.inputs[k])}`);
    }
  }
  return lines;
}
