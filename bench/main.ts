/**
 * `npm run bench` after preparation (scripts/bench.js): runs the bench at the scale from BENCH_* variables,
 * writes RESULTS.md (BENCH_RESULTS_FILE, default bench/RESULTS.md) and prints the figures as one JSON object
 * on the last line of stdout. BENCH_RENDER_ONLY=1 renders RESULTS.md again from the last run (after editing
 * bench/analysis.md) without running anything.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../tests/support/engine";
import { resultsMarkdown } from "./results-markdown";
import { runBench, type BenchOutcome } from "./run-bench";
import { scaleFromEnv } from "./scale";

const ANALYSIS_FILE = path.join(REPO_ROOT, "bench", "analysis.md");

/**
 * The last run's full outcome, so RESULTS.md can be rendered again after bench/analysis.md is written; one
 * per results file (a checkout's bench and a smoke run must not overwrite each other's).
 */
export function lastOutcomeFile(target: string): string {
  return path.join(os.tmpdir(), `csbs-bench-outcome-${createHash("sha1").update(path.resolve(target)).digest("hex").slice(0, 12)}.json`);
}

export async function main(): Promise<void> {
  const target = process.env.BENCH_RESULTS_FILE || path.join(REPO_ROOT, "bench", "RESULTS.md");
  const outcomeFile = lastOutcomeFile(target);
  let outcome: BenchOutcome;
  if (process.env.BENCH_RENDER_ONLY === "1") {
    if (!fs.existsSync(outcomeFile)) throw new Error(`BENCH_RENDER_ONLY=1 needs ${outcomeFile} from an earlier run; run npm run bench first`);
    outcome = JSON.parse(fs.readFileSync(outcomeFile, "utf8")) as BenchOutcome;
  } else {
    outcome = await runBench(scaleFromEnv(), (line) => process.stdout.write(`[bench] ${line}\n`));
    fs.writeFileSync(outcomeFile, JSON.stringify(outcome));
  }
  const analysis = fs.existsSync(ANALYSIS_FILE) ? fs.readFileSync(ANALYSIS_FILE, "utf8") : "(bench/analysis.md is missing)";
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
