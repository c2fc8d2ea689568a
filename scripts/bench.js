#!/usr/bin/env node
// `npm run bench`: installs what is missing, builds, finds the engine (scripts/lib/prepare.js), then runs
// dist/bench/main.js, which starts a local cloud in this process, runs the scenarios through the real engine,
// writes bench/RESULTS.md and prints the figures as one JSON object on its last line.
// Scale: BENCH_POLICIES, BENCH_SERVERS_PER_POLICY, BENCH_ASSOCIATIONS_PER_POLICY, BENCH_REPEAT (see bench/scale.ts).
"use strict";
const path = require("node:path");
const { prepare, root } = require("./lib/prepare");

// prepare() prints its steps on stdout; the JSON line still comes last, from main().
prepare();
process.chdir(root);
require(path.join(root, "dist", "bench", "main.js"))
  .main()
  .then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`[bench] failed: ${err && err.stack ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
