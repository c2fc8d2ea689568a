/**
 * `npm run bench` after preparation (scripts/bench.js): runs the bench at the scale from BENCH_* variables,
 * writes RESULTS.md (BENCH_RESULTS_FILE, default bench/RESULTS.md) and prints the figures as one JSON object
 * on the last line of stdout.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../tests/support/engine";
import { resultsMarkdown } from "./results-markdown";
import { runBench } from "./run-bench";
import { scaleFromEnv } from "./scale";

const ANALYSIS_FILE = path.join(REPO_ROOT, "bench", "analysis.md");

export async function main(): Promise<void> {
  const scale = scaleFromEnv();
  const outcome = await runBench(scale, (line) => process.stdout.write(`[bench] ${line}\n`));
  const analysis = fs.existsSync(ANALYSIS_FILE) ? fs.readFileSync(ANALYSIS_FILE, "utf8") : "(bench/analysis.md is missing)";
  const target = process.env.BENCH_RESULTS_FILE || path.join(REPO_ROOT, "bench", "RESULTS.md");
  fs.writeFileSync(target, resultsMarkdown(outcome, analysis));
  process.stdout.write(`[bench] wrote ${target} (${outcome.totalSeconds.toFixed(0)} s in all)\n`);
  process.stdout.write(`${JSON.stringify(outcome.figures)}\n`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`[bench] failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
