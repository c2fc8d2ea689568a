#!/usr/bin/env node
/**
 * `csbs-preview-digest [--log-url URL] [--max-chars N] <stack>=<preview.jsonl> ...`: prints the pull-request
 * comment for the streamed `pulumi preview --json` of each stack (PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true).
 */
import * as fs from "node:fs";
import { readPreview } from "./preview-record";
import { renderComment, type StackPreview } from "./render-comment";

function main(argv: string[]): number {
  const stacks: StackPreview[] = [];
  let logUrl: string | undefined;
  let maxChars: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--log-url") logUrl = argv[++i];
    else if (arg === "--max-chars") maxChars = Number(argv[++i]);
    else {
      const at = arg.indexOf("=");
      if (at <= 0) {
        process.stderr.write(`csbs-preview-digest: "${arg}" is not <stack>=<file>: pass e.g. prod=preview.jsonl\n`);
        return 2;
      }
      stacks.push({ stack: arg.slice(0, at), record: readPreview(fs.readFileSync(arg.slice(at + 1), "utf8")) });
    }
  }
  if (stacks.length === 0) {
    process.stderr.write("csbs-preview-digest: give at least one <stack>=<preview.jsonl>\n");
    return 2;
  }
  process.stdout.write(renderComment(stacks, { logUrl, maxChars }));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
