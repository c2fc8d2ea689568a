/**
 * `npm run bench` after preparation (scripts/bench.js): runs the bench at the scale from BENCH_* variables,
 * writes RESULTS.md (BENCH_RESULTS_FILE, default bench/RESULTS.md) and prints the figures as one JSON object
 * on the last line of stdout. BENCH_RENDER_ONLY=1 renders RESULTS.md again from the last run (after editing
 * bench/analysis.md) without running anything.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../tests/support/engine";
import { resultsMarkdown } from "./results-markdown";
import { runBench, type BenchOutcome } from "./run-bench";
import { scaleFromEnv } from "./scale";

const ANALYSIS_FILE = path.join(REPO_ROOT, "bench", "analysis.md");

/** The last run's full outcome, so RESULTS.md can be rendered again after bench/analysis.md is written. */
const LAST_OUTCOME = path.join(os.tmpdir(), "csbs-bench-last-outcome.json");

export async function main(): Promise<void> {
  let outcome: BenchOutcome;
  if (process.env.BENCH_RENDER_ONLY === "1") {
    if (!fs.existsSync(LAST_OUTCOME)) throw new Error(`BENCH_RENDER_ONLY=1 needs ${LAST_OUTCOME} from an earlier run; run npm run bench first`);
    outcome = JSON.parse(fs.readFileSync(LAST_OUTCOME, "utf8")) as BenchOutcome;
  } else {
    outcome = await runBench(scaleFromEnv(), (line) => process.stdout.write(`[bench] ${line}\n`));
    fs.writeFileSync(LAST_OUTCOME, JSON.stringify(outcome));
  }
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
