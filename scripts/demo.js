#!/usr/bin/env node
// `npm run demo`: the main job. Starts a local CSBS cloud, deploys the quickstart with the real Pulumi engine,
// and walks through what a platform team cares about. See scripts/demo/run-demo.ts.
"use strict";
const path = require("node:path");
const { prepare, root } = require("./lib/prepare");

prepare();
require(path.join(root, "dist", "scripts", "demo", "run-demo.js"))
  .runDemo()
  .then((code) => process.exit(code))
  .catch((err) => {
    process.stderr.write(`\ndemo failed: ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  });
